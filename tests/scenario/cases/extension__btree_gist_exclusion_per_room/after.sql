CREATE EXTENSION btree_gist;
CREATE TABLE bookings (id int PRIMARY KEY, room int NOT NULL, during tstzrange NOT NULL, CONSTRAINT bookings_room_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));

CREATE EXTENSION btree_gist;
ALTER TABLE bookings ADD CONSTRAINT bookings_room_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);

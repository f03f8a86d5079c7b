CREATE TABLE bookings (id int PRIMARY KEY, room int NOT NULL, during tstzrange NOT NULL, cancelled boolean NOT NULL DEFAULT false, CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&));

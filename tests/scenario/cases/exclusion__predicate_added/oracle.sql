ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap, ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&) WHERE (NOT cancelled);

ALTER TABLE bookings RENAME CONSTRAINT bookings_during_excl TO bookings_no_overlap;

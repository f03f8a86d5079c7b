ALTER TABLE annotations ADD CONSTRAINT annotations_reading_fkey FOREIGN KEY (reading_id, reading_on) REFERENCES readings (id, taken_on);

ALTER TABLE words ALTER COLUMN word TYPE text COLLATE "und-x-icu";

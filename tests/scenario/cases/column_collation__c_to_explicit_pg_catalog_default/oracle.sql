ALTER TABLE words ALTER COLUMN word TYPE text COLLATE pg_catalog."default";

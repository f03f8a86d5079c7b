ALTER TABLE accounts ADD COLUMN code text COLLATE "C";

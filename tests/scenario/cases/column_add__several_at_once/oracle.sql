ALTER TABLE accounts ADD COLUMN phone text, ADD COLUMN verified boolean NOT NULL DEFAULT false, ADD COLUMN score int DEFAULT 10, ADD COLUMN notes text[];

CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, email text, balance numeric(12,2), region text);
CREATE INDEX accounts_region_name_idx ON accounts (region, name);

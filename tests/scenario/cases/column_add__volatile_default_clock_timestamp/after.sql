CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, email text, balance numeric(12,2), imported_at timestamptz NOT NULL DEFAULT clock_timestamp());

CREATE TABLE products (id int PRIMARY KEY, name text NOT NULL, legacy_code text, price numeric);
CREATE TABLE legacy_audit (id int PRIMARY KEY, note text);

CREATE EXTENSION pgcrypto;
CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL, token text NOT NULL DEFAULT encode(gen_random_bytes(8), 'hex'));

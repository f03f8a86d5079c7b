CREATE EXTENSION pgcrypto;
ALTER TABLE orders ADD COLUMN token text NOT NULL DEFAULT encode(gen_random_bytes(8), 'hex');

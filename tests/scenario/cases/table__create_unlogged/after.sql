CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text);
CREATE UNLOGGED TABLE session_cache (key text PRIMARY KEY, value jsonb, expires_at timestamptz);

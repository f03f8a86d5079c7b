CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE FUNCTION double_balance(a accounts) RETURNS numeric LANGUAGE sql IMMUTABLE RETURN a.balance * 2;

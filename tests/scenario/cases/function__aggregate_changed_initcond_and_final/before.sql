CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12,2) NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE FUNCTION sum_sq_step(state numeric, v numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT state + v * v $$;
CREATE AGGREGATE sum_sq(numeric) (SFUNC = sum_sq_step, STYPE = numeric, INITCOND = '0');

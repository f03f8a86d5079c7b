CREATE FUNCTION double_balance(a accounts) RETURNS numeric LANGUAGE sql IMMUTABLE RETURN a.balance * 2;

DROP AGGREGATE sum_sq(numeric);
CREATE FUNCTION sum_sq_final(state numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT sqrt(state) $$;
CREATE AGGREGATE sum_sq(numeric) (SFUNC = sum_sq_step, STYPE = numeric, FINALFUNC = sum_sq_final, INITCOND = '0');

DROP AGGREGATE sum_sq(numeric);
DROP FUNCTION sum_sq_step(numeric, numeric);

CREATE TABLE t (a int CHECK (a > 0; b int);
SELECT (1; 2);
);
;;;
SELECT 1::int; SELECT '1'::text

CREATE TYPE money2 AS (amount numeric, cur text);
CREATE TABLE t (id int PRIMARY KEY, m money2);

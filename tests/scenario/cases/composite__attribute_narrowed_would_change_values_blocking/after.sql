CREATE TYPE money2 AS (amount int, cur varchar(1));
CREATE TABLE t (id int PRIMARY KEY, m money2);

CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL);
CREATE SCHEMA legacy;
CREATE TABLE legacy.old_orders (id int PRIMARY KEY, total numeric);
CREATE VIEW legacy.old_totals AS SELECT sum(total) FROM legacy.old_orders;
CREATE FUNCTION legacy.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE TYPE legacy.kind AS ENUM ('a');
CREATE SEQUENCE legacy.s;

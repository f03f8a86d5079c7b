CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL);
CREATE PROCEDURE purge() LANGUAGE sql AS 'DELETE FROM orders WHERE false';
COMMENT ON PROCEDURE purge() IS 'Does nothing yet';

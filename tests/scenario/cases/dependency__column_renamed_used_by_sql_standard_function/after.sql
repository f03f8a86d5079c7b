CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL, quantity int NOT NULL, price numeric(10,2) NOT NULL, kind text NOT NULL DEFAULT 'std');
CREATE FUNCTION total_qty() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT sum(quantity) FROM items; END;

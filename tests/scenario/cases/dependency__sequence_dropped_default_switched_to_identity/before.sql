CREATE SEQUENCE item_ids;
CREATE TABLE items (id int PRIMARY KEY DEFAULT nextval('item_ids'), sku text NOT NULL, qty int NOT NULL, price numeric(10,2) NOT NULL, kind text NOT NULL DEFAULT 'std');

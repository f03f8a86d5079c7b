CREATE TYPE item_kind AS ENUM ('std', 'bulk');
CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL, qty int NOT NULL, price numeric(10,2) NOT NULL, kind item_kind NOT NULL DEFAULT 'std');
CREATE VIEW bulk_items AS SELECT id FROM items WHERE kind = 'bulk';

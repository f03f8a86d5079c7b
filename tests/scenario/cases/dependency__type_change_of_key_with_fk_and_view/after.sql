CREATE TABLE items (id bigint PRIMARY KEY, sku text NOT NULL, qty int NOT NULL, price numeric(10,2) NOT NULL, kind text NOT NULL DEFAULT 'std');
CREATE TABLE item_notes (id int PRIMARY KEY, item_id bigint NOT NULL REFERENCES items (id), note text);
CREATE VIEW noted_items AS SELECT i.id, i.sku, n.note FROM items i JOIN item_notes n ON n.item_id = i.id;

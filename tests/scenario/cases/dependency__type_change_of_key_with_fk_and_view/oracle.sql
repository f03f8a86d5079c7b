DROP VIEW noted_items;
ALTER TABLE item_notes DROP CONSTRAINT item_notes_item_id_fkey;
ALTER TABLE items ALTER COLUMN id TYPE bigint;
ALTER TABLE item_notes ALTER COLUMN item_id TYPE bigint;
ALTER TABLE item_notes ADD CONSTRAINT item_notes_item_id_fkey FOREIGN KEY (item_id) REFERENCES items (id);
CREATE VIEW noted_items AS SELECT i.id, i.sku, n.note FROM items i JOIN item_notes n ON n.item_id = i.id;

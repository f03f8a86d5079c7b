DROP VIEW item_kinds;
ALTER TABLE items DROP COLUMN kind;
CREATE VIEW item_kinds AS SELECT id, sku FROM items;

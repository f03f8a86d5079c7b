DROP VIEW skus;
ALTER TABLE items ALTER COLUMN sku TYPE text;
DROP DOMAIN sku_code;
CREATE VIEW skus AS SELECT id, sku FROM items;

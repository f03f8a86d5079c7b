ALTER TABLE items DROP CONSTRAINT items_sku_valid;
DROP FUNCTION valid_sku(text);

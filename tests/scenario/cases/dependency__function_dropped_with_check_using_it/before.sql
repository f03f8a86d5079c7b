CREATE FUNCTION valid_sku(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s LIKE 'SKU%' $$;
CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL, qty int NOT NULL, price numeric(10,2) NOT NULL, kind text NOT NULL DEFAULT 'std', CONSTRAINT items_sku_valid CHECK (valid_sku(sku)));

CREATE TYPE item_kind AS ENUM ('std', 'bulk');
CREATE FUNCTION is_bulk(k item_kind) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT k = 'bulk' $$;
CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL, qty int NOT NULL, price numeric(10,2) NOT NULL, kind text NOT NULL DEFAULT 'std');

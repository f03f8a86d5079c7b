CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL, qty bigint NOT NULL, price numeric(10,2) NOT NULL, kind text NOT NULL DEFAULT 'std');
CREATE INDEX items_qty_price_idx ON items ((qty * price)) WHERE qty > 10;

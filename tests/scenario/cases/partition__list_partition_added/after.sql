CREATE TABLE orders (id bigint NOT NULL, region text NOT NULL, total numeric NOT NULL) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('de', 'fr', 'it');
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us');
CREATE TABLE orders_apac PARTITION OF orders FOR VALUES IN ('jp', 'au');

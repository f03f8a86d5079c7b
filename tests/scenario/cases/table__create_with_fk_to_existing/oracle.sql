CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id int NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    total numeric(12,2) NOT NULL CHECK (total >= 0)
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);

CREATE TABLE stock (warehouse_id int NOT NULL, product_id int NOT NULL, qty int NOT NULL, PRIMARY KEY (warehouse_id, product_id));
CREATE TABLE stock_moves (id int PRIMARY KEY, warehouse_id int NOT NULL, product_id int NOT NULL, delta int NOT NULL,
    FOREIGN KEY (warehouse_id, product_id) REFERENCES stock (warehouse_id, product_id));

ALTER TABLE stock_moves DROP CONSTRAINT stock_moves_warehouse_id_product_id_fkey;
ALTER TABLE stock ALTER COLUMN product_id TYPE bigint;
ALTER TABLE stock_moves ALTER COLUMN product_id TYPE bigint;
ALTER TABLE stock_moves ADD CONSTRAINT stock_moves_warehouse_id_product_id_fkey FOREIGN KEY (warehouse_id, product_id) REFERENCES stock (warehouse_id, product_id);

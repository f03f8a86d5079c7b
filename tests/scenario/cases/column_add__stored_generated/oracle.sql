ALTER TABLE order_lines ADD COLUMN total numeric GENERATED ALWAYS AS (qty * unit_price) STORED;

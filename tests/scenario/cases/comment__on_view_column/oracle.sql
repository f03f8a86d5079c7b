COMMENT ON COLUMN big_orders.amount IS 'Gross';

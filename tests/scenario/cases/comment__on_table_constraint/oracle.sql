COMMENT ON CONSTRAINT orders_amount_positive ON orders IS 'No free orders';

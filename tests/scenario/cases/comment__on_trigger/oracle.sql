COMMENT ON TRIGGER orders_noop ON orders IS 'Placeholder';

COMMENT ON TYPE order_state IS 'Lifecycle of an order';

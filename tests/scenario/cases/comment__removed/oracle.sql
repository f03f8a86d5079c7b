COMMENT ON COLUMN orders.customer IS NULL;

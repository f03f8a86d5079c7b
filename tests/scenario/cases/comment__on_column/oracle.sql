COMMENT ON COLUMN orders.amount IS 'Gross amount in EUR';

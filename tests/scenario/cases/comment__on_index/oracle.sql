COMMENT ON INDEX orders_customer_idx IS 'For the customer page';

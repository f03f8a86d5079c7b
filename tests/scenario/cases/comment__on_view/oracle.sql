COMMENT ON VIEW big_orders IS 'Orders over 100';

COMMENT ON FUNCTION order_total() IS 'Sum of all orders';

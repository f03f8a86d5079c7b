COMMENT ON POLICY orders_all ON orders IS 'Everyone sees everything for now';

COMMENT ON TABLE orders IS 'new text';

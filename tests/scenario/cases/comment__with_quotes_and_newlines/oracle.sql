COMMENT ON TABLE orders IS E'It''s the "orders" table\nsecond line';

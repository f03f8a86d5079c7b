CREATE TABLE orders_apac PARTITION OF orders FOR VALUES IN ('jp', 'au');

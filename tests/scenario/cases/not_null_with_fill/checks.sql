SELECT count(*) FILTER (WHERE status = 'pending') = 1000 AND count(*) FILTER (WHERE status = 'paid') = 2000 FROM orders

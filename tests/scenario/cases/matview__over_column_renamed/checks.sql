SELECT count(*) = 4000 AND bool_and(buyer = 'cust' || (id % 50)) FROM orders
SELECT count(*) = 50 AND sum(n) = 4000 FROM customer_totals

SELECT count(*) = 4000 AND bool_and(buyer = 'cust' || (id % 50)) FROM orders
SELECT count(*) = 1000 FROM paid_orders
SELECT count(buyer) = 1000 FROM paid_orders

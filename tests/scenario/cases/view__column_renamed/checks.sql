SELECT count(*) = 4000 AND bool_and(customer = 'cust' || (id % 50) AND amount = (id % 500) + 0.99) FROM orders
SELECT count(*) = 1000 FROM paid_orders
SELECT count(buyer) = 1000 FROM paid_orders

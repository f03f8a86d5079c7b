ALTER VIEW paid_orders RENAME COLUMN customer TO buyer;

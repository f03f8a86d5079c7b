CREATE OR REPLACE VIEW paid_orders AS SELECT id, upper(customer) AS customer, amount FROM orders WHERE status = 'paid';

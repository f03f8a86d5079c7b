CREATE OR REPLACE VIEW paid_orders AS SELECT id, customer, amount, status FROM orders WHERE status = 'paid';

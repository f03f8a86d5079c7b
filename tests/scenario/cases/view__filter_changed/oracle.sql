CREATE OR REPLACE VIEW paid_orders AS SELECT id, customer, amount FROM orders WHERE status IN ('paid', 'shipped');

CREATE OR REPLACE VIEW paid_orders AS SELECT id, customer, amount, placed_at FROM orders WHERE status = 'paid';

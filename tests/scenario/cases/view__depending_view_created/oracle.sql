CREATE VIEW big_paid_orders AS SELECT id, customer FROM paid_orders WHERE amount > 250;

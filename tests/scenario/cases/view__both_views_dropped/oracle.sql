DROP VIEW big_paid_orders;
DROP VIEW paid_orders;

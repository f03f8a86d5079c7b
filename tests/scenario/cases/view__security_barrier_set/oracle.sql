ALTER VIEW paid_orders SET (security_barrier = true);

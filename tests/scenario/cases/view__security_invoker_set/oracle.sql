ALTER VIEW paid_orders SET (security_invoker = true);

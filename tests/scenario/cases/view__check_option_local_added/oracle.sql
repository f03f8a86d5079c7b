ALTER VIEW paid_orders SET (check_option = local);

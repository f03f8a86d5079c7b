ALTER VIEW paid_orders RESET (check_option);

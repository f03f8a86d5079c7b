DROP VIEW stock_value_high_count;
DROP VIEW stock_value_high;
DROP VIEW stock_value;

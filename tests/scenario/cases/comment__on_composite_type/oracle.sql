COMMENT ON TYPE money_pair IS 'Amount with currency';

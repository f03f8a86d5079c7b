COMMENT ON SEQUENCE order_numbers IS 'Printed on invoices';

COMMENT ON AGGREGATE my_sum(numeric) IS 'Plain sum';

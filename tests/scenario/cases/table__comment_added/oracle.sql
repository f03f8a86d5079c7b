COMMENT ON TABLE customers IS 'People and companies that buy from us';

COMMENT ON DOMAIN positive_amount IS 'Strictly positive';

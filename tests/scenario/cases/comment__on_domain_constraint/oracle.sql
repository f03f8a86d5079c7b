COMMENT ON CONSTRAINT positive_amount_check ON DOMAIN positive_amount IS 'Must be above zero';

ALTER DOMAIN positive_amount DROP CONSTRAINT positive_amount_check;
ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE >= 1);
COMMENT ON CONSTRAINT positive_amount_check ON DOMAIN positive_amount IS 'Must be above zero';

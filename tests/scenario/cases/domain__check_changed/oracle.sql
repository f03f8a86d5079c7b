ALTER DOMAIN email_address DROP CONSTRAINT email_address_check;
ALTER DOMAIN email_address ADD CONSTRAINT email_address_check CHECK (VALUE LIKE '%@%.%' AND length(VALUE) < 200);

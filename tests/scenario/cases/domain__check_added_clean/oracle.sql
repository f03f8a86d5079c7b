ALTER DOMAIN email_address ADD CONSTRAINT email_address_check CHECK (VALUE LIKE '%@%');

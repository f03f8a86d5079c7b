CREATE DOMAIN email_address AS text CONSTRAINT email_address_check CHECK (VALUE LIKE '%@%');
ALTER TABLE subscribers ALTER COLUMN email TYPE email_address;

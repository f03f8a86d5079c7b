ALTER TABLE subscribers ALTER COLUMN email TYPE text;
DROP DOMAIN email_address;

ALTER DOMAIN email_address RENAME CONSTRAINT email_address_check TO email_has_at;

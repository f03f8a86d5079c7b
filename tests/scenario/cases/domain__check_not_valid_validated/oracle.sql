ALTER DOMAIN email_address VALIDATE CONSTRAINT email_address_check;

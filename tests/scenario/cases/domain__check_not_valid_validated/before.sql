CREATE DOMAIN email_address AS text;
CREATE TABLE subscribers (id int PRIMARY KEY, email email_address);
ALTER DOMAIN email_address ADD CONSTRAINT email_address_check CHECK (VALUE LIKE '%@%') NOT VALID;

CREATE DOMAIN email_address AS text CONSTRAINT email_address_check CHECK (VALUE LIKE '%@%');
CREATE TABLE subscribers (id int PRIMARY KEY, email email_address);

CREATE DOMAIN email_address AS text NOT NULL;
CREATE TABLE subscribers (id int PRIMARY KEY, email email_address);

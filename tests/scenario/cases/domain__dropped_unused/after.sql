CREATE DOMAIN email_address AS text;
CREATE TABLE subscribers (id int PRIMARY KEY, email email_address);

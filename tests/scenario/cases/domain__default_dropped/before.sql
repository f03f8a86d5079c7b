CREATE DOMAIN email_address AS text DEFAULT 'a@example.com';
CREATE TABLE subscribers (id int PRIMARY KEY, email email_address);

CREATE DOMAIN email_address AS text DEFAULT 'b@example.com';
CREATE TABLE subscribers (id int PRIMARY KEY, email email_address);

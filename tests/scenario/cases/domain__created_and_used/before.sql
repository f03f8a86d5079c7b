CREATE TABLE subscribers (id int PRIMARY KEY, email text);

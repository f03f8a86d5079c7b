CREATE SEQUENCE contact_scores START 5000;
CREATE TABLE contacts (id int PRIMARY KEY, name text NOT NULL, phone text, score int DEFAULT nextval('contact_scores'));

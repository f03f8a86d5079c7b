CREATE FUNCTION default_score() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 42';
CREATE TABLE contacts (id int PRIMARY KEY, name text NOT NULL, phone text, score int DEFAULT default_score());

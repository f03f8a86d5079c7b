CREATE TABLE logs (id serial PRIMARY KEY, line text NOT NULL);

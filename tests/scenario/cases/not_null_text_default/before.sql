CREATE TABLE tickets (id int PRIMARY KEY, status text);

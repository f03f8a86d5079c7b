CREATE SCHEMA workflow;
CREATE TABLE tasks (id int PRIMARY KEY, title text NOT NULL, st text NOT NULL DEFAULT 'todo');

CREATE SCHEMA workflow;
CREATE TYPE workflow.status AS ENUM ('todo', 'doing', 'done');
CREATE TABLE tasks (id int PRIMARY KEY, title text NOT NULL, st text NOT NULL DEFAULT 'todo');
ALTER TABLE tasks ADD COLUMN next_st workflow.status;

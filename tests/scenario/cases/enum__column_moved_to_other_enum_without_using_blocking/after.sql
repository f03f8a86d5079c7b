CREATE TYPE status AS ENUM ('todo', 'doing', 'done');
CREATE TYPE task_state AS ENUM ('todo', 'doing', 'done', 'closed');
CREATE TABLE tasks (id int PRIMARY KEY, title text NOT NULL, st task_state NOT NULL DEFAULT 'todo');

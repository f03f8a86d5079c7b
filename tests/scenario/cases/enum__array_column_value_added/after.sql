CREATE TYPE status AS ENUM ('todo', 'doing', 'done', 'archived');
CREATE TABLE tasks (id int PRIMARY KEY, title text NOT NULL, st status NOT NULL DEFAULT 'todo');
ALTER TABLE tasks ADD COLUMN history status[] NOT NULL DEFAULT '{}';

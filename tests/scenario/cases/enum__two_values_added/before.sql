CREATE TYPE status AS ENUM ('todo', 'doing', 'done');
CREATE TABLE tasks (id int PRIMARY KEY, title text NOT NULL, st status NOT NULL DEFAULT 'todo');

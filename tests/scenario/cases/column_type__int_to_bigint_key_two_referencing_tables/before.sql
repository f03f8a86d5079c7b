CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE books (id int PRIMARY KEY, author_id int NOT NULL REFERENCES authors (id), title text NOT NULL);
CREATE TABLE quotes (id int PRIMARY KEY, author_id int REFERENCES authors (id) ON DELETE SET NULL, body text);
CREATE INDEX books_author_id_idx ON books (author_id);

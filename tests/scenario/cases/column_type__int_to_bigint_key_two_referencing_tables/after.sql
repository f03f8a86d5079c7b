CREATE TABLE authors (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE books (id int PRIMARY KEY, author_id bigint NOT NULL REFERENCES authors (id), title text NOT NULL);
CREATE TABLE quotes (id int PRIMARY KEY, author_id bigint REFERENCES authors (id) ON DELETE SET NULL, body text);
CREATE INDEX books_author_id_idx ON books (author_id);

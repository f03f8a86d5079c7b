ALTER TABLE books DROP CONSTRAINT books_author_id_fkey;
ALTER TABLE quotes DROP CONSTRAINT quotes_author_id_fkey;
ALTER TABLE authors ALTER COLUMN id TYPE bigint;
ALTER TABLE books ALTER COLUMN author_id TYPE bigint;
ALTER TABLE quotes ALTER COLUMN author_id TYPE bigint;
ALTER TABLE books ADD CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id);
ALTER TABLE quotes ADD CONSTRAINT quotes_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE SET NULL;

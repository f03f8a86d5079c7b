SELECT count(*) = 500 AND bool_and(name = 'Author ' || id) FROM authors
SELECT count(*) = 3000 AND bool_and(author_id = 1 + id % 500) FROM books
SELECT convalidated FROM pg_constraint WHERE conname = 'books_author_id_fkey'

SELECT count(*) = 500 AND bool_and(name = 'Author ' || id) FROM authors
SELECT count(*) = 3000 AND bool_and(author_id = 1 + id % 500) FROM books
SELECT count(*) = 1000 AND count(author_id) = 858 FROM quotes
SELECT count(*) = 2 FROM pg_constraint WHERE confrelid = 'public.authors'::regclass AND convalidated

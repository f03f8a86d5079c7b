SELECT count(*) = 3000 FROM books
SELECT confmatchtype = 'f' FROM pg_constraint WHERE conname = 'books_shelf_fkey'

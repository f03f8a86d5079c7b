ALTER TABLE books DROP CONSTRAINT books_shelf_fkey, ADD CONSTRAINT books_shelf_fkey FOREIGN KEY (store, shelf) REFERENCES shelves (store, shelf) MATCH FULL;

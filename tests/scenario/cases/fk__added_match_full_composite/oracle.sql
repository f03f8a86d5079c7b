ALTER TABLE books ADD CONSTRAINT books_shelf_fkey FOREIGN KEY (store, shelf) REFERENCES shelves (store, shelf) MATCH FULL;

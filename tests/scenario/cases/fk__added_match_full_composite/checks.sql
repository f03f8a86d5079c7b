SELECT count(*) = 3000 AND count(shelf) = 2770 AND count(store) = 2770 FROM books

SELECT count(*) = 3000 AND count(shelf) = 2770 FROM books
SELECT count(*) = 200 FROM shelves

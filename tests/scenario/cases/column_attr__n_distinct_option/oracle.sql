ALTER TABLE blobs ALTER COLUMN counter SET (n_distinct = -1);

CREATE TABLE blobs (id int PRIMARY KEY, body text, counter int NOT NULL DEFAULT 0);
ALTER TABLE blobs ALTER COLUMN counter SET (n_distinct = -1);

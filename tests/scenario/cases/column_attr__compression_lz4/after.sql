CREATE TABLE blobs (id int PRIMARY KEY, body text COMPRESSION lz4, counter int NOT NULL DEFAULT 0);

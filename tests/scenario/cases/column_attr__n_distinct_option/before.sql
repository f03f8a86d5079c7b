CREATE TABLE blobs (id int PRIMARY KEY, body text, counter int NOT NULL DEFAULT 0);

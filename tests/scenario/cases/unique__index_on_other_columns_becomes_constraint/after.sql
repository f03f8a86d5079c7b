CREATE TABLE users (id int PRIMARY KEY, tenant int NOT NULL, handle text, CONSTRAINT users_handle_key UNIQUE (handle));

CREATE TABLE users (id int PRIMARY KEY, tenant int NOT NULL, handle text);
CREATE UNIQUE INDEX users_handle_key ON users (tenant, handle);

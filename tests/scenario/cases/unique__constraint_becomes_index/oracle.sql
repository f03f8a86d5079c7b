ALTER TABLE users DROP CONSTRAINT users_handle_key;
CREATE UNIQUE INDEX users_handle_key ON users (handle);

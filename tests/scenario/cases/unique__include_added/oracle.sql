ALTER TABLE users DROP CONSTRAINT users_handle_key, ADD CONSTRAINT users_handle_key UNIQUE (handle) INCLUDE (email);

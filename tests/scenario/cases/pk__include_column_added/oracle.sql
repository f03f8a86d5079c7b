ALTER TABLE sessions DROP CONSTRAINT sessions_pkey, ADD PRIMARY KEY (token) INCLUDE (user_id);

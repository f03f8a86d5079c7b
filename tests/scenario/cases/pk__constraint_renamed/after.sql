CREATE TABLE sessions (token text, user_id int NOT NULL, started_at timestamptz NOT NULL, CONSTRAINT sessions_token_pk PRIMARY KEY (token));

CREATE TABLE sessions (token text, user_id int NOT NULL, started_at timestamptz NOT NULL, PRIMARY KEY (token));

CREATE TABLE sessions (token text NOT NULL, user_id int NOT NULL, started_at timestamptz NOT NULL);
CREATE TABLE session_events (id int PRIMARY KEY, token text NOT NULL);

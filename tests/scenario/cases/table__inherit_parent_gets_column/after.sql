CREATE TABLE events (id int NOT NULL, at timestamptz NOT NULL, kind text NOT NULL, source text);
CREATE TABLE login_events (ip inet) INHERITS (events);

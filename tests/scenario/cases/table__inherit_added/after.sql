CREATE TABLE events (id int NOT NULL, at timestamptz NOT NULL, kind text NOT NULL);
CREATE TABLE login_events (ip inet) INHERITS (events);

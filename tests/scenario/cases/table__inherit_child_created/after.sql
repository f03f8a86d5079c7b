CREATE TABLE events (id int NOT NULL, at timestamptz NOT NULL, kind text NOT NULL);
CREATE TABLE purchase_events (amount numeric NOT NULL DEFAULT 0) INHERITS (events);

CREATE TABLE purchase_events (amount numeric NOT NULL DEFAULT 0) INHERITS (events);

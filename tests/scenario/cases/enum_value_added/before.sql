CREATE TYPE order_state AS ENUM ('new', 'shipped');
CREATE TABLE shipments (id int PRIMARY KEY, state order_state NOT NULL DEFAULT 'new');

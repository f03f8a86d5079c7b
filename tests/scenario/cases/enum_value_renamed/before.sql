CREATE TYPE account_state AS ENUM ('active', 'disabled', 'closed');
CREATE TABLE accounts (id int PRIMARY KEY, state account_state NOT NULL DEFAULT 'active');

CREATE TYPE account_tier AS ENUM ('free', 'pro', 'enterprise');
CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, email text, balance numeric(12,2), tier account_tier NOT NULL DEFAULT 'free');

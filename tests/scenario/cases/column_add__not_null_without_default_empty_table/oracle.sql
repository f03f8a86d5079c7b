ALTER TABLE invites ADD COLUMN token text NOT NULL;

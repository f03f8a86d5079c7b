ALTER TABLE invites ADD COLUMN sent_count int NOT NULL DEFAULT 0, ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();

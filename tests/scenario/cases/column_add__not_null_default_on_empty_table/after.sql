CREATE TABLE invites (id int PRIMARY KEY, email text NOT NULL, sent_count int NOT NULL DEFAULT 0, token uuid NOT NULL DEFAULT gen_random_uuid());

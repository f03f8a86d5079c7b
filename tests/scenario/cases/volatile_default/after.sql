CREATE TABLE events (id int PRIMARY KEY, kind text NOT NULL, public_id uuid NOT NULL DEFAULT gen_random_uuid());

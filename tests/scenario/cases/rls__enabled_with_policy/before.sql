DO $$ BEGIN CREATE ROLE scn_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE scn_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE scn_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE notes (id int PRIMARY KEY, owner text NOT NULL, body text, secret boolean NOT NULL DEFAULT false);
GRANT SELECT, INSERT, UPDATE ON notes TO scn_app, scn_reader;

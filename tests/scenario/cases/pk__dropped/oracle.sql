ALTER TABLE sessions DROP CONSTRAINT sessions_pkey;

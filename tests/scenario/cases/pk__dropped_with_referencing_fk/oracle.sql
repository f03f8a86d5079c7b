ALTER TABLE session_events DROP CONSTRAINT session_events_token_fkey;
ALTER TABLE sessions DROP CONSTRAINT sessions_pkey;

CREATE UNLOGGED TABLE session_cache (key text PRIMARY KEY, value jsonb, expires_at timestamptz);

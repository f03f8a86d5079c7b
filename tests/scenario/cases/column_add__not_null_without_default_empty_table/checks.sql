SELECT count(*) = 0 FROM invites
SELECT attnotnull FROM pg_attribute WHERE attrelid = 'public.invites'::regclass AND attname = 'token'

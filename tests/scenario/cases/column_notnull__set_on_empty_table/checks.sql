SELECT count(*) = 0 FROM contacts
SELECT attnotnull FROM pg_attribute WHERE attrelid = 'public.contacts'::regclass AND attname = 'phone'

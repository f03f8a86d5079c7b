SELECT count(*) = 3000 AND bool_and(phone = '+1-555-' || id) FROM contacts
SELECT attnotnull FROM pg_attribute WHERE attrelid = 'public.contacts'::regclass AND attname = 'phone'

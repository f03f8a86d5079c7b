-- the constraint took the name, on the target's columns; the old two-column index is gone
SELECT pg_get_constraintdef(oid) = 'UNIQUE (handle)' FROM pg_constraint WHERE conname = 'users_handle_key' AND conrelid = 'public.users'::regclass
SELECT count(*) = 1 FROM pg_index WHERE indrelid = 'public.users'::regclass AND indisunique AND NOT indisprimary
SELECT count(*) = 3000 FROM users

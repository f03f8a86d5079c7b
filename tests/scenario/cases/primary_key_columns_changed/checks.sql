-- The primary key is on (relation_id, sequence_id), under its original name, and no row was lost.
SELECT pg_get_constraintdef(oid) = 'PRIMARY KEY (relation_id, sequence_id)' FROM pg_constraint WHERE conname = 'members_pkey'
SELECT count(*) = 2000 FROM public.members
SELECT count(*) = 500 FROM public.member_notes
-- The foreign key references the new key and was validated.
SELECT convalidated AND pg_get_constraintdef(oid) LIKE 'FOREIGN KEY (relation_id, sequence_id) REFERENCES %members(relation_id, sequence_id)%' FROM pg_constraint WHERE conname = 'member_notes_member_fkey'
-- No helper objects left behind.
SELECT NOT EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname LIKE '%bellows%')
SELECT NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname LIKE '%bellows%')

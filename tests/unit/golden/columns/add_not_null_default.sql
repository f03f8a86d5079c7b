
-- step: expand:add-column:public.users.status
-- phase: expand
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD COLUMN status text DEFAULT 'active'::text NOT NULL;
-- rollback:
--   ALTER TABLE public.users DROP COLUMN status;


-- step: expand:alter-type:public.users.full_name
-- phase: expand
-- locks: AE public.users (brief)
ALTER TABLE public.users ALTER COLUMN full_name TYPE text;
-- rollback:
--   ALTER TABLE public.users ALTER COLUMN full_name TYPE character varying(50);


-- step: expand:add-column:public.users.plan
-- phase: expand
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD COLUMN plan text DEFAULT 'free'::text;
-- rollback:
--   ALTER TABLE public.users DROP COLUMN plan;


-- step: expand:add-column:public.users.nickname
-- phase: expand
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD COLUMN nickname text;
-- rollback:
--   ALTER TABLE public.users DROP COLUMN nickname;

-- finding (blocking): Adding stored generated column public.users.score_x2 rewrites the table

-- step: expand:add-column:public.users.score_x2
-- phase: expand
-- locks: AE public.users
ALTER TABLE public.users ADD COLUMN score_x2 integer GENERATED ALWAYS AS ((score * 2)) STORED;
-- rollback:
--   ALTER TABLE public.users DROP COLUMN score_x2;

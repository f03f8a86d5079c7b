
-- step: expand:add-column:public.users.token
-- phase: expand
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD COLUMN token uuid, ALTER COLUMN token SET DEFAULT gen_random_uuid();
-- rollback:
--   ALTER TABLE public.users DROP COLUMN token;

-- step: backfill:fill-column:public.users.token
-- phase: backfill
-- locks: RE public.users (brief)
UPDATE public.users SET token = gen_random_uuid()
WHERE (id) IN (SELECT id FROM public.users WHERE token IS NULL ORDER BY id LIMIT 1000 FOR NO KEY UPDATE SKIP LOCKED);
-- irreversible: Nothing to undo: it only fills the new column, which the expand rollback drops.

-- step: tighten:add-not-null-constraint:public.users.token
-- phase: tighten
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD CONSTRAINT users_token_not_null CHECK (token IS NOT NULL) NOT VALID;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_token_not_null;

-- step: tighten:validate-not-null:public.users.token
-- phase: tighten
-- locks: SUE public.users
ALTER TABLE public.users VALIDATE CONSTRAINT users_token_not_null;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_token_not_null;

-- step: tighten:set-not-null:public.users.token
-- phase: tighten
-- locks: AE public.users (brief)
ALTER TABLE public.users ALTER COLUMN token SET NOT NULL;
-- rollback:
--   ALTER TABLE public.users ALTER COLUMN token DROP NOT NULL;

-- step: tighten:drop-not-null-check:public.users.token
-- phase: tighten
-- locks: AE public.users (brief)
ALTER TABLE public.users DROP CONSTRAINT users_token_not_null;
-- rollback:
--   ALTER TABLE public.users ADD CONSTRAINT users_token_not_null CHECK (token IS NOT NULL) NOT VALID;

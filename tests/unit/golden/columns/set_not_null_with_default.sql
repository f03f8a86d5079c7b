-- gate before tighten: Deploy the app version that reads and writes the new shape

-- step: expand:set-default:public.users.age
-- phase: expand
-- locks: AE public.users (brief)
ALTER TABLE public.users ALTER COLUMN age SET DEFAULT 18;
-- rollback:
--   ALTER TABLE public.users ALTER COLUMN age DROP DEFAULT;

-- step: backfill:fill-nulls:public.users.age
-- phase: backfill
-- locks: RE public.users (brief)
UPDATE public.users SET age = 18
WHERE (id) IN (SELECT id FROM public.users WHERE age IS NULL ORDER BY id LIMIT 1000 FOR NO KEY UPDATE SKIP LOCKED);
-- irreversible: The filled values replace NULLs; which rows were NULL is not recorded.

-- step: tighten:add-not-null-constraint:public.users.age
-- phase: tighten
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD CONSTRAINT users_age_not_null CHECK (age IS NOT NULL) NOT VALID;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_age_not_null;

-- step: tighten:validate-not-null:public.users.age
-- phase: tighten
-- locks: SUE public.users
ALTER TABLE public.users VALIDATE CONSTRAINT users_age_not_null;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_age_not_null;

-- step: tighten:set-not-null:public.users.age
-- phase: tighten
-- locks: AE public.users (brief)
ALTER TABLE public.users ALTER COLUMN age SET NOT NULL;
-- rollback:
--   ALTER TABLE public.users ALTER COLUMN age DROP NOT NULL;

-- step: tighten:drop-not-null-check:public.users.age
-- phase: tighten
-- locks: AE public.users (brief)
ALTER TABLE public.users DROP CONSTRAINT users_age_not_null;
-- rollback:
--   ALTER TABLE public.users ADD CONSTRAINT users_age_not_null CHECK (age IS NOT NULL) NOT VALID;

-- gate before contract: Drain old instances: only the new app version runs

-- step: contract:add-not-null-constraint:public.users.age
-- phase: contract
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD CONSTRAINT users_age_not_null CHECK (age IS NOT NULL) NOT VALID;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_age_not_null;

-- step: contract:validate-not-null:public.users.age
-- phase: contract
-- locks: SUE public.users
ALTER TABLE public.users VALIDATE CONSTRAINT users_age_not_null;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_age_not_null;

-- step: contract:set-not-null:public.users.age
-- phase: contract
-- locks: AE public.users (brief)
ALTER TABLE public.users ALTER COLUMN age SET NOT NULL;
-- rollback:
--   ALTER TABLE public.users ALTER COLUMN age DROP NOT NULL;

-- step: contract:drop-not-null-check:public.users.age
-- phase: contract
-- locks: AE public.users (brief)
ALTER TABLE public.users DROP CONSTRAINT users_age_not_null;
-- rollback:
--   ALTER TABLE public.users ADD CONSTRAINT users_age_not_null CHECK (age IS NOT NULL) NOT VALID;

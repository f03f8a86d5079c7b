
-- step: expand:unique-index:public.users.users_email_key
-- phase: expand (K3) — Build the unique index users_email_key on public.users without blocking writes
-- locks: SUE public.users; work: build
-- hazards: index-build, outside-transaction
-- outside transaction
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON public.users USING btree (email);
-- rollback:
--   DROP INDEX CONCURRENTLY IF EXISTS public.users_email_key;

-- step: expand:add-unique:public.users.users_email_key
-- phase: expand (K3) — Attach index users_email_key as the unique constraint of public.users
-- locks: AE public.users (brief); work: none
-- hazards: access-exclusive-lock
-- depends on: expand:unique-index:public.users.users_email_key
ALTER TABLE public.users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_email_key;

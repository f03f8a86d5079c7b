
-- step: tighten:build-key-index:public.users.users_email_key
-- phase: tighten (K3) — Build the unique index users_email_key_bellows for the new unique constraint of public.users (concurrently)
-- locks: SUE public.users; work: build
-- hazards: index-build, outside-transaction
-- outside transaction
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key_bellows ON public.users USING btree (email, id);
-- rollback:
--   DROP INDEX CONCURRENTLY IF EXISTS public.users_email_key_bellows;

-- step: contract:replace-key:public.users.users_email_key
-- phase: contract (K3) — Replace the unique constraint users_email_key of public.users: (email) → (email, id), in one transaction
-- locks: AE public.users (brief); work: none
-- hazards: access-exclusive-lock, breaks-running-app
-- depends on: tighten:build-key-index:public.users.users_email_key
ALTER TABLE public.users DROP CONSTRAINT users_email_key, ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key_bellows;
-- irreversible: The old key's index is dropped with it: going back needs it built concurrently again (reference K4).

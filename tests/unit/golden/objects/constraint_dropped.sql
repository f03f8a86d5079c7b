
-- step: contract:drop-constraint:public.orders.orders_user_id_fkey
-- phase: contract (K6) — Drop constraint orders_user_id_fkey from public.orders
-- locks: AE public.orders (brief), AE public.users (brief); work: none
-- hazards: access-exclusive-lock
ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS orders_user_id_fkey;
-- rollback:
--   ALTER TABLE public.orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) NOT VALID;

-- step: contract:drop-constraint:public.users.users_email_key
-- phase: contract (K6) — Drop constraint users_email_key from public.users
-- locks: AE public.users (brief); work: none
-- hazards: access-exclusive-lock, breaks-running-app
ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_email_key;
-- irreversible: Re-creating the constraint needs its index built again (K3–K5), not an instant rollback.

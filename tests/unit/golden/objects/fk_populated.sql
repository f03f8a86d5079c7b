-- finding (warning, K2): No index covers foreign key orders_user_id_fkey — public.orders

-- step: expand:add-fk:public.orders.orders_user_id_fkey
-- phase: expand (K2) — Add foreign key orders_user_id_fkey on public.orders without validating existing rows
-- locks: SRE public.orders (brief), SRE public.users (brief); work: none
-- hazards: blocks-writes
ALTER TABLE public.orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE NOT VALID;
-- rollback:
--   ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS orders_user_id_fkey;

-- step: tighten:validate:public.orders.orders_user_id_fkey
-- phase: tighten (K2) — Validate constraint orders_user_id_fkey on public.orders
-- locks: SUE public.orders, RS public.users; work: scan
-- hazards: validation-scan
-- depends on: expand:add-fk:public.orders.orders_user_id_fkey
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_user_id_fkey;
-- irreversible: Validation changes no data and cannot be undone; the constraint's own rollback drops it.

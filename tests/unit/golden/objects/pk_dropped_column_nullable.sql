
-- step: contract:drop-constraint:public.orders.orders_pkey
-- phase: contract (K6) — Drop constraint orders_pkey from public.orders
-- locks: AE public.orders (brief); work: none
-- hazards: access-exclusive-lock, breaks-running-app
ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS orders_pkey;
-- irreversible: Re-creating the constraint needs its index built again (K3–K5), not an instant rollback.

-- step: expand:drop-not-null:public.orders.id
-- phase: contract (C8) — Allow NULL in public.orders.id
-- locks: AE public.orders (brief); work: none
-- hazards: access-exclusive-lock
-- depends on: contract:drop-constraint:public.orders.orders_pkey
ALTER TABLE public.orders ALTER COLUMN id DROP NOT NULL;
-- rollback:
--   ALTER TABLE public.orders ALTER COLUMN id SET NOT NULL;


-- step: expand:unique-index:public.orders.orders_pkey
-- phase: expand (K4) — Build the unique index orders_pkey on public.orders without blocking writes
-- locks: SUE public.orders; work: build
-- hazards: index-build, outside-transaction
-- outside transaction
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_pkey ON public.orders USING btree (id);
-- rollback:
--   DROP INDEX CONCURRENTLY IF EXISTS public.orders_pkey;

-- step: contract:add-not-null-constraint:public.orders.id
-- phase: contract (C7) — Add CHECK (id IS NOT NULL) without checking existing rows
-- locks: AE public.orders (brief); work: none
-- hazards: access-exclusive-lock, breaks-running-app
ALTER TABLE public.orders ADD CONSTRAINT orders_id_not_null CHECK (id IS NOT NULL) NOT VALID;
-- rollback:
--   ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS orders_id_not_null;

-- step: contract:validate-not-null:public.orders.id
-- phase: contract (C7) — Validate that public.orders.id holds no NULLs
-- locks: SUE public.orders; work: scan
-- hazards: validation-scan
-- depends on: contract:add-not-null-constraint:public.orders.id
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_id_not_null;
-- rollback:
--   ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS orders_id_not_null;

-- step: contract:set-not-null:public.orders.id
-- phase: contract (C7) — Make public.orders.id NOT NULL (proven by the check, no scan)
-- locks: AE public.orders (brief); work: none
-- hazards: access-exclusive-lock
-- depends on: contract:validate-not-null:public.orders.id
ALTER TABLE public.orders ALTER COLUMN id SET NOT NULL;
-- rollback:
--   ALTER TABLE public.orders ALTER COLUMN id DROP NOT NULL;

-- step: contract:drop-not-null-check:public.orders.id
-- phase: contract (C7) — Drop the helper CHECK on public.orders.id
-- locks: AE public.orders (brief); work: none
-- hazards: access-exclusive-lock
-- depends on: contract:set-not-null:public.orders.id
ALTER TABLE public.orders DROP CONSTRAINT orders_id_not_null;
-- rollback:
--   ALTER TABLE public.orders ADD CONSTRAINT orders_id_not_null CHECK (id IS NOT NULL) NOT VALID;

-- step: contract:add-pk:public.orders.orders_pkey
-- phase: contract (K4) — Attach index orders_pkey as the primary key of public.orders
-- locks: AE public.orders (brief); work: none
-- hazards: access-exclusive-lock
-- depends on: contract:add-not-null-constraint:public.orders.id, contract:validate-not-null:public.orders.id, contract:set-not-null:public.orders.id, contract:drop-not-null-check:public.orders.id, expand:unique-index:public.orders.orders_pkey
ALTER TABLE public.orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey;
-- rollback:
--   ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS orders_pkey;


-- step: expand:unique-index:public.orders.orders_pkey
-- phase: expand (K4) — Build the unique index orders_pkey on public.orders without blocking writes
-- locks: SUE public.orders; work: build
-- hazards: index-build, outside-transaction
-- outside transaction
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_pkey ON public.orders USING btree (id);
-- rollback:
--   DROP INDEX CONCURRENTLY IF EXISTS public.orders_pkey;

-- step: expand:add-pk:public.orders.orders_pkey
-- phase: expand (K4) — Attach index orders_pkey as the primary key of public.orders
-- locks: AE public.orders (brief); work: none
-- hazards: access-exclusive-lock
-- depends on: expand:unique-index:public.orders.orders_pkey
ALTER TABLE public.orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey;
-- rollback:
--   ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS orders_pkey;


-- step: tighten:build-key-index:public.orders.orders_pkey
-- phase: tighten (K4) — Build the unique index orders_pkey_bellows for the new primary key of public.orders (concurrently)
-- locks: SUE public.orders; work: build
-- hazards: index-build, outside-transaction
-- outside transaction
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_pkey_bellows ON public.orders USING btree (user_id, id);
-- rollback:
--   DROP INDEX CONCURRENTLY IF EXISTS public.orders_pkey_bellows;

-- step: contract:replace-key:public.orders.orders_pkey
-- phase: contract (K4) — Replace the primary key orders_pkey of public.orders: (id) → (user_id, id), in one transaction
-- locks: AE public.orders (brief), AE public.order_lines (brief); work: none
-- hazards: access-exclusive-lock, breaks-running-app
-- depends on: tighten:build-key-index:public.orders.orders_pkey
LOCK TABLE public.orders, public.order_lines IN ACCESS EXCLUSIVE MODE;
ALTER TABLE public.order_lines DROP CONSTRAINT IF EXISTS order_lines_order_fkey;
ALTER TABLE public.orders DROP CONSTRAINT orders_pkey, ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey_bellows;
ALTER TABLE public.order_lines ADD CONSTRAINT order_lines_order_fkey FOREIGN KEY (user_id, order_id) REFERENCES public.orders(user_id, id) NOT VALID;
-- irreversible: The old key's index is dropped with it: going back needs it built concurrently again (reference K4).

-- step: contract:validate-foreign-key:public.order_lines.order_lines_order_fkey
-- phase: contract (K2) — Validate foreign key order_lines_order_fkey
-- locks: SUE public.order_lines, RS public.orders; work: scan
-- hazards: validation-scan
-- depends on: contract:replace-key:public.orders.orders_pkey
ALTER TABLE public.order_lines VALIDATE CONSTRAINT order_lines_order_fkey;
-- irreversible: Nothing to undo: validating only marks the foreign key as checked.

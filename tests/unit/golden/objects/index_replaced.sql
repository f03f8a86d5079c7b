
-- step: expand:build-index:public.orders.orders_user_idx
-- phase: expand (I1) — Build index orders_user_idx_bellows_new on public.orders without blocking writes
-- locks: SUE public.orders; work: build
-- hazards: index-build, outside-transaction
-- outside transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_idx_bellows_new ON public.orders USING btree (user_id, total);
-- rollback:
--   DROP INDEX CONCURRENTLY IF EXISTS public.orders_user_idx_bellows_new;

-- step: contract:drop-old-index:public.orders.orders_user_idx
-- phase: contract (I3) — Drop index orders_user_idx from public.orders
-- locks: SUE public.orders; work: none
-- hazards: outside-transaction
-- depends on: expand:build-index:public.orders.orders_user_idx
-- outside transaction
DROP INDEX CONCURRENTLY IF EXISTS public.orders_user_idx;
-- rollback:
--   CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_idx ON public.orders USING btree (user_id);

-- step: contract:rename-new-index:public.orders.orders_user_idx
-- phase: contract (I5) — Rename index orders_user_idx_bellows_new to orders_user_idx
-- locks: SUE public.orders_user_idx_bellows_new (brief); work: none
-- depends on: contract:drop-old-index:public.orders.orders_user_idx
ALTER INDEX public.orders_user_idx_bellows_new RENAME TO orders_user_idx;
-- rollback:
--   ALTER INDEX public.orders_user_idx RENAME TO orders_user_idx_bellows_new;

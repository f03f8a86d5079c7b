
-- step: contract:drop-index:public.orders.orders_total_idx
-- phase: contract (I3) — Drop index orders_total_idx from public.orders
-- locks: SUE public.orders; work: none
-- hazards: outside-transaction
-- outside transaction
DROP INDEX CONCURRENTLY IF EXISTS public.orders_total_idx;
-- rollback:
--   CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx ON public.orders USING btree (total);

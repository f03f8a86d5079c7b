
-- step: contract:drop-view:public.big_orders
-- phase: contract (W1) — Drop view public.big_orders
-- locks: AE public.big_orders (brief); work: none
-- hazards: breaks-running-app
DROP VIEW IF EXISTS public.big_orders;
-- rollback:
--   CREATE VIEW public.big_orders AS
--   SELECT orders.id,
--       orders.total
--      FROM public.orders
--     WHERE (orders.total > (100)::numeric);

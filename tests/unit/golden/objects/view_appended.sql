
-- step: expand:replace-view:public.big_orders
-- phase: expand (W2) — Replace view public.big_orders (columns appended)
-- locks: AE public.big_orders (brief); work: none
-- hazards: access-exclusive-lock
CREATE OR REPLACE VIEW public.big_orders AS
SELECT orders.id,
    orders.total,
    orders.user_id
   FROM public.orders
  WHERE (orders.total > (100)::numeric);
-- rollback:
--   DROP VIEW IF EXISTS public.big_orders;
--   CREATE VIEW public.big_orders AS
--   SELECT orders.id,
--       orders.total
--      FROM public.orders
--     WHERE (orders.total > (100)::numeric);

-- finding (warning, W2): View public.big_orders is dropped and re-created — public.big_orders

-- step: expand:recreate-view:public.big_orders
-- phase: expand (W2) — Drop and re-create view public.big_orders
-- locks: AE public.big_orders (brief); work: none
-- hazards: access-exclusive-lock, breaks-running-app
DROP VIEW IF EXISTS public.big_orders;
CREATE VIEW public.big_orders AS
SELECT orders.id,
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

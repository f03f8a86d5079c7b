
-- step: expand:build-matview:public.order_totals
-- phase: expand (W2) — Build the new materialized view public.order_totals beside the old one
-- locks: AE public.order_totals_bellows_new (brief); work: build
CREATE MATERIALIZED VIEW public.order_totals_bellows_new AS
SELECT orders.user_id,
    sum(orders.total) AS total,
    count(*) AS n
   FROM public.orders
  GROUP BY orders.user_id
WITH DATA;
CREATE UNIQUE INDEX order_totals_user_idx_bellows_new ON public.order_totals_bellows_new USING btree (user_id);
-- rollback:
--   DROP MATERIALIZED VIEW IF EXISTS public.order_totals_bellows_new;

-- step: expand:swap-matview:public.order_totals
-- phase: expand (W2) — Swap the new materialized view public.order_totals in
-- locks: AE public.order_totals (brief), AE public.order_totals_bellows_new (brief); work: none
-- hazards: access-exclusive-lock
-- depends on: expand:build-matview:public.order_totals
DROP MATERIALIZED VIEW IF EXISTS public.order_totals;
ALTER MATERIALIZED VIEW public.order_totals_bellows_new RENAME TO order_totals;
ALTER INDEX public.order_totals_user_idx_bellows_new RENAME TO order_totals_user_idx;
-- irreversible: The old materialized view is dropped; re-create it from the previous definition if needed.

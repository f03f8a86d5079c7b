
-- step: tighten:add-check:public.orders.orders_total_check
-- phase: tighten (K1) — Add CHECK constraint orders_total_check on public.orders without validating existing rows
-- locks: AE public.orders (brief); work: none
-- hazards: access-exclusive-lock
ALTER TABLE public.orders ADD CONSTRAINT orders_total_check CHECK ((total >= (0)::numeric)) NOT VALID;
-- rollback:
--   ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS orders_total_check;

-- step: tighten:validate:public.orders.orders_total_check
-- phase: tighten (K1) — Validate constraint orders_total_check on public.orders
-- locks: SUE public.orders; work: scan
-- hazards: validation-scan
-- depends on: tighten:add-check:public.orders.orders_total_check
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_total_check;
-- irreversible: Validation changes no data and cannot be undone; the constraint's own rollback drops it.

-- step: tighten:comment-constraint:public.orders.orders_total_check
-- phase: tighten (M2) — Set the comment of constraint orders_total_check
-- locks: SUE public.orders (brief); work: none
-- depends on: tighten:validate:public.orders.orders_total_check
COMMENT ON CONSTRAINT orders_total_check ON public.orders IS 'no negative totals';
-- rollback:
--   COMMENT ON CONSTRAINT orders_total_check ON public.orders IS NULL;

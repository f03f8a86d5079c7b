
-- step: tighten:replace-constraint:public.orders.orders_total_check
-- phase: tighten (K1) — Replace constraint orders_total_check on public.orders without validating existing rows
-- locks: AE public.orders (brief); work: none
-- hazards: access-exclusive-lock
ALTER TABLE public.orders DROP CONSTRAINT orders_total_check, ADD CONSTRAINT orders_total_check CHECK ((total > (0)::numeric)) NOT VALID;
-- rollback:
--   ALTER TABLE public.orders DROP CONSTRAINT orders_total_check, ADD CONSTRAINT orders_total_check CHECK ((total >= (0)::numeric)) NOT VALID;

-- step: tighten:validate:public.orders.orders_total_check
-- phase: tighten (K1) — Validate constraint orders_total_check on public.orders
-- locks: SUE public.orders; work: scan
-- hazards: validation-scan
-- depends on: tighten:replace-constraint:public.orders.orders_total_check
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_total_check;
-- irreversible: Validation changes no data and cannot be undone; the constraint's own rollback drops it.

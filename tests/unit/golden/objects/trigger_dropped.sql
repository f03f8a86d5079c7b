
-- step: contract:drop-trigger:public.orders.orders_touch
-- phase: contract (G2) — Drop trigger orders_touch from public.orders
-- locks: AE public.orders (brief); work: none
-- hazards: access-exclusive-lock
DROP TRIGGER IF EXISTS orders_touch ON public.orders;
-- rollback:
--   CREATE TRIGGER orders_touch BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.touch();

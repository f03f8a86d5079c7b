
-- step: expand:replace-trigger:public.orders.orders_touch
-- phase: expand (G1) — Replace trigger orders_touch on public.orders
-- locks: SRE public.orders (brief); work: none
-- hazards: blocks-writes
CREATE OR REPLACE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.touch();
ALTER TABLE public.orders DISABLE TRIGGER orders_touch;
-- rollback:
--   CREATE OR REPLACE TRIGGER orders_touch BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.touch();
--   ALTER TABLE public.orders ENABLE TRIGGER orders_touch;


-- step: expand:create-function:public.audit()
-- phase: expand (G1) — Create function public.audit()
-- locks: ; work: none
CREATE OR REPLACE FUNCTION public.audit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$begin return new; end$function$;
-- rollback:
--   DROP FUNCTION IF EXISTS public.audit();

-- step: expand:create-trigger:public.orders.orders_audit
-- phase: expand (G1) — Create trigger orders_audit on public.orders
-- locks: SRE public.orders (brief); work: none
-- hazards: blocks-writes
-- depends on: expand:create-function:public.audit()
CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.audit();
-- rollback:
--   DROP TRIGGER IF EXISTS orders_audit ON public.orders;

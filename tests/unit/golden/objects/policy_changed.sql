
-- step: expand:change-policy:public.orders.own_orders
-- phase: expand (G1) — Change policy own_orders on public.orders
-- locks: AE public.orders (brief); work: none
-- hazards: access-exclusive-lock, breaks-running-app
ALTER POLICY own_orders ON public.orders TO app_user, PUBLIC USING ((user_id > 0));
-- rollback:
--   ALTER POLICY own_orders ON public.orders TO app_user USING ((user_id = (current_setting('app.user_id'::text))::bigint));

-- step: contract:drop-policy:public.orders.all_orders
-- phase: contract (G1) — Drop policy all_orders from public.orders
-- locks: AE public.orders (brief); work: none
-- hazards: access-exclusive-lock
DROP POLICY IF EXISTS all_orders ON public.orders;
-- rollback:
--   CREATE POLICY all_orders ON public.orders FOR ALL TO app_user, PUBLIC USING ((user_id > 0));

-- finding (blocking, K5): Exclusion constraint orders_user_excl needs a blocking build — public.orders.orders_user_excl

-- step: tighten:add-exclusion:public.orders.orders_user_excl
-- phase: tighten (K5) — Add exclusion constraint orders_user_excl on public.orders
-- locks: AE public.orders; work: build
-- hazards: access-exclusive-lock
ALTER TABLE public.orders ADD CONSTRAINT orders_user_excl EXCLUDE USING btree (user_id WITH =);
-- rollback:
--   ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS orders_user_excl;

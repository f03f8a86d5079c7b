
-- step: expand:create-index:public.orders.orders_big_idx
-- phase: expand (I1) — Build index orders_big_idx on public.orders without blocking writes
-- locks: SUE public.orders; work: build
-- hazards: index-build, outside-transaction
-- outside transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_big_idx ON public.orders USING btree (total) WHERE (total > (100)::numeric);
-- rollback:
--   DROP INDEX CONCURRENTLY IF EXISTS public.orders_big_idx;

-- step: expand:comment-index:public.orders.orders_big_idx
-- phase: expand (M2) — Set the comment of index orders_big_idx
-- locks: SUE public.orders_big_idx (brief); work: none
-- depends on: expand:create-index:public.orders.orders_big_idx
COMMENT ON INDEX public.orders_big_idx IS 'big orders only';
-- rollback:
--   COMMENT ON INDEX public.orders_big_idx IS NULL;

-- step: expand:create-index:public.orders.orders_user_id_idx
-- phase: expand (I1) — Build index orders_user_id_idx on public.orders without blocking writes
-- locks: SUE public.orders; work: build
-- hazards: index-build, outside-transaction
-- outside transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_idx ON public.orders USING btree (user_id);
-- rollback:
--   DROP INDEX CONCURRENTLY IF EXISTS public.orders_user_id_idx;

-- step: expand:create-index:public.users.users_lower_email_key
-- phase: expand (I2) — Build unique index users_lower_email_key on public.users without blocking writes
-- locks: SUE public.users; work: build
-- hazards: index-build, outside-transaction
-- outside transaction
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_lower_email_key ON public.users USING btree (lower(email));
-- rollback:
--   DROP INDEX CONCURRENTLY IF EXISTS public.users_lower_email_key;

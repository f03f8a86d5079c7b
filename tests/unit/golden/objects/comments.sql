
-- step: expand:comment:public.mood
-- phase: expand (M2) — Set the comment of type public.mood
-- locks: ; work: none
COMMENT ON TYPE public.mood IS 'how it''s going';
-- rollback:
--   COMMENT ON TYPE public.mood IS NULL;

-- step: expand:comment:public.invoice_no
-- phase: expand (M2) — Set the comment of sequence public.invoice_no
-- locks: SUE public.invoice_no (brief); work: none
COMMENT ON SEQUENCE public.invoice_no IS 'invoice numbers';
-- rollback:
--   COMMENT ON SEQUENCE public.invoice_no IS NULL;

-- step: expand:comment-index:public.orders.orders_total_idx
-- phase: expand (M2) — Set the comment of index orders_total_idx
-- locks: SUE public.orders_total_idx (brief); work: none
COMMENT ON INDEX public.orders_total_idx IS 'for reports';
-- rollback:
--   COMMENT ON INDEX public.orders_total_idx IS NULL;

-- step: expand:comment-constraint:public.users.users_pkey
-- phase: expand (M2) — Set the comment of constraint users_pkey
-- locks: SUE public.users (brief); work: none
COMMENT ON CONSTRAINT users_pkey ON public.users IS 'identity';
-- rollback:
--   COMMENT ON CONSTRAINT users_pkey ON public.users IS NULL;

-- step: expand:comment-view:public.big_orders
-- phase: expand (M2) — Set the comment of public.big_orders
-- locks: SUE public.big_orders (brief); work: none
COMMENT ON VIEW public.big_orders IS 'orders over 100';
-- rollback:
--   COMMENT ON VIEW public.big_orders IS NULL;

-- step: expand:comment-routine:public.touch()
-- phase: expand (M2) — Set the comment of public.touch()
-- locks: ; work: none
COMMENT ON FUNCTION public.touch() IS 'sets updated_at';
-- rollback:
--   COMMENT ON FUNCTION public.touch() IS NULL;

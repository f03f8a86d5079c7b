
-- step: expand:create-schema:audit
-- phase: expand (T1) — Create schema audit
-- locks: ; work: none
CREATE SCHEMA IF NOT EXISTS audit;
-- rollback:
--   DROP SCHEMA IF EXISTS audit;

-- step: expand:comment:audit
-- phase: expand (M2) — Set the comment of schema audit
-- locks: ; work: none
-- depends on: expand:create-schema:audit
COMMENT ON SCHEMA audit IS 'audit trail';
-- rollback:
--   COMMENT ON SCHEMA audit IS NULL;

-- step: expand:create-extension:pgcrypto
-- phase: expand (T1) — Install extension pgcrypto
-- locks: ; work: none
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public VERSION '1.3';
-- rollback:
--   DROP EXTENSION IF EXISTS pgcrypto;

-- step: expand:create-domain:public.posint
-- phase: expand (T1) — Create domain public.posint
-- locks: ; work: none
CREATE DOMAIN public.posint AS integer CONSTRAINT posint_check CHECK (VALUE > 0);
-- rollback:
--   DROP DOMAIN IF EXISTS public.posint;

-- step: expand:create-type:public.address
-- phase: expand (T1) — Create composite type public.address
-- locks: ; work: none
CREATE TYPE public.address AS (street text, city text COLLATE "C");
-- rollback:
--   DROP TYPE IF EXISTS public.address;

-- step: expand:create-sequence:public.ticket_no
-- phase: expand (Q1) — Create sequence public.ticket_no
-- locks: AE public.ticket_no (brief); work: none
CREATE SEQUENCE IF NOT EXISTS public.ticket_no AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000 CACHE 20 NO CYCLE;
-- rollback:
--   DROP SEQUENCE IF EXISTS public.ticket_no;

-- step: expand:sequence-owner:public.ticket_no
-- phase: expand (Q2) — Tie sequence public.ticket_no to public.orders.id
-- locks: SRE public.ticket_no (brief); work: none
-- depends on: expand:create-sequence:public.ticket_no
ALTER SEQUENCE public.ticket_no OWNED BY public.orders.id;
-- rollback:
--   ALTER SEQUENCE public.ticket_no OWNED BY NONE;

-- step: expand:create-policy:public.orders.own_orders
-- phase: expand (G1) — Create policy own_orders on public.orders
-- locks: AE public.orders (brief); work: none
-- hazards: access-exclusive-lock
CREATE POLICY own_orders ON public.orders FOR SELECT TO app_user USING ((user_id = (current_setting('app.user_id'::text))::bigint));
-- rollback:
--   DROP POLICY IF EXISTS own_orders ON public.orders;

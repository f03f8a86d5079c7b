-- finding (warning, G2): Check what still uses public.add_one(x integer) — public.add_one(x integer)

-- step: contract:drop-schema:audit
-- phase: contract (T2) — Drop schema audit
-- locks: ; work: none
DROP SCHEMA IF EXISTS audit;
-- rollback:
--   CREATE SCHEMA IF NOT EXISTS audit;

-- step: contract:drop-extension:pgcrypto
-- phase: contract (T2) — Remove extension pgcrypto
-- locks: ; work: none
-- hazards: breaks-running-app
DROP EXTENSION IF EXISTS pgcrypto;
-- rollback:
--   CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public VERSION '1.3';

-- step: contract:drop-type:public.colour
-- phase: contract (N3) — Drop type public.colour
-- locks: ; work: none
DROP TYPE IF EXISTS public.colour;
-- rollback:
--   CREATE TYPE public.colour AS ENUM ('red', 'green');

-- step: contract:drop-domain:public.posint
-- phase: contract (C6) — Drop domain public.posint
-- locks: ; work: none
DROP DOMAIN IF EXISTS public.posint;
-- rollback:
--   CREATE DOMAIN public.posint AS integer;

-- step: contract:drop-sequence:public.invoice_no
-- phase: contract (Q1) — Drop sequence public.invoice_no
-- locks: AE public.invoice_no (brief); work: none
-- hazards: irreversible, breaks-running-app
DROP SEQUENCE IF EXISTS public.invoice_no;
-- irreversible: Its current value is lost; re-creating it restarts at START.

-- step: contract:drop-function:public.add_one(x integer)
-- phase: contract (G2) — Drop function public.add_one(x integer)
-- locks: ; work: none
-- hazards: breaks-running-app
DROP FUNCTION IF EXISTS public.add_one(x integer);
-- rollback:
--   CREATE OR REPLACE FUNCTION public.add_one(x integer)
--    RETURNS integer
--    LANGUAGE sql
--   AS $function$select x + 1$function$;

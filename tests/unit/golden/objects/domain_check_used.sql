-- finding (blocking, K1): VALIDATE CONSTRAINT posint_check on domain public.posint scans its columns — public.posint

-- step: expand:domain-default:public.posint
-- phase: expand (C9) — Change the default of domain public.posint
-- locks: ; work: none
ALTER DOMAIN public.posint SET DEFAULT 1;
-- rollback:
--   ALTER DOMAIN public.posint DROP DEFAULT;

-- step: tighten:add-domain-check:public.posint.posint_check
-- phase: tighten (K1) — Add check posint_check to domain public.posint without validating
-- locks: ; work: none
ALTER DOMAIN public.posint ADD CONSTRAINT posint_check CHECK (VALUE > 0) NOT VALID;
-- rollback:
--   ALTER DOMAIN public.posint DROP CONSTRAINT IF EXISTS posint_check;

-- step: tighten:validate-domain-check:public.posint.posint_check
-- phase: tighten (K1) — Validate check posint_check of domain public.posint
-- locks: S public.orders; work: scan
-- hazards: blocks-writes
-- depends on: tighten:add-domain-check:public.posint.posint_check
ALTER DOMAIN public.posint VALIDATE CONSTRAINT posint_check;
-- irreversible: Validation changes no data.

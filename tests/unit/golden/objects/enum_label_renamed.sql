-- finding (warning, N2): Enum label 'ok' renamed to 'fine' — public.mood

-- step: contract:rename-enum-value:public.mood
-- phase: contract (N2) — Rename label 'ok' of public.mood to 'fine'
-- locks: ; work: none
-- hazards: breaks-running-app
ALTER TYPE public.mood RENAME VALUE 'ok' TO 'fine';
-- rollback:
--   ALTER TYPE public.mood RENAME VALUE 'fine' TO 'ok';

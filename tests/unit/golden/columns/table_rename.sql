-- gate before contract: Drain old instances: only the new app version runs

-- step: expand:rename-table:public.people
-- phase: expand
-- locks: AE public.legacy_people (brief)
ALTER TABLE public.legacy_people RENAME TO people;
CREATE VIEW public.legacy_people AS SELECT * FROM public.people;
-- rollback:
--   DROP VIEW public.legacy_people;
--   ALTER TABLE public.people RENAME TO legacy_people;

-- step: contract:drop-rename-view:public.people
-- phase: contract
-- locks: AE public.legacy_people (brief)
DROP VIEW public.legacy_people;
-- rollback:
--   CREATE VIEW public.legacy_people AS SELECT * FROM public.people;

-- finding (blocking): View public.adults depends on public.users.age
-- gate before contract: Drain old instances: only the new app version runs

-- step: contract:drop-column:public.users.age
-- phase: contract
-- locks: AE public.users (brief)
ALTER TABLE public.users DROP COLUMN age;
-- irreversible: The values of public.users.age are gone once it is dropped; back them up first (e.g. COPY (SELECT <key>, age FROM public.users) TO ...) and restore from that copy.

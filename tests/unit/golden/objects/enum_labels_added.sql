
-- step: expand:add-enum-value:public.mood.meh
-- phase: expand (N1) — Add label 'meh' to public.mood
-- locks: ; work: none
-- hazards: irreversible
ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'meh' AFTER 'sad';
-- irreversible: PostgreSQL cannot remove an enum label; leave it unused.

-- step: expand:add-enum-value:public.mood.ecstatic
-- phase: expand (N1) — Add label 'ecstatic' to public.mood
-- locks: ; work: none
-- hazards: irreversible
-- depends on: expand:add-enum-value:public.mood.meh
ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'ecstatic' AFTER 'happy';
-- irreversible: PostgreSQL cannot remove an enum label; leave it unused.


-- step: expand:replace-function:public.touch()
-- phase: expand (G1) — Replace function public.touch()
-- locks: ; work: none
CREATE OR REPLACE FUNCTION public.touch()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$begin new.total := coalesce(new.total, 0); return new; end$function$;
-- rollback:
--   CREATE OR REPLACE FUNCTION public.touch()
--    RETURNS trigger
--    LANGUAGE plpgsql
--   AS $function$begin return new; end$function$;

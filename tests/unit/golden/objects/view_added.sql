
-- step: expand:create-view:public.user_emails
-- phase: expand (W1) — Create view public.user_emails
-- locks: AE public.user_emails (brief); work: none
CREATE VIEW public.user_emails AS
SELECT users.email
   FROM public.users;
COMMENT ON VIEW public.user_emails IS 'for the mailer';
-- rollback:
--   DROP VIEW IF EXISTS public.user_emails;

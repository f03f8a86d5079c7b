-- gate before contract: Drain old instances: only the new app version runs

-- step: contract:drop-foreign-key:public.audit_log.audit_log_user_id_fkey
-- phase: contract
-- locks: AE public.audit_log (brief), AE public.users (brief)
ALTER TABLE public.audit_log DROP CONSTRAINT audit_log_user_id_fkey;
-- rollback:
--   ALTER TABLE public.audit_log ADD CONSTRAINT audit_log_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) NOT VALID;

-- step: contract:drop-table:public.audit_log
-- phase: contract
-- locks: AE public.audit_log (brief)
DROP TABLE public.audit_log;
-- irreversible: Every row of public.audit_log is gone; restore from a backup (pg_dump -t 'public.audit_log' before running this step).

-- gate before tighten: Deploy the app version that reads and writes the new shape
-- gate before contract: Drain old instances: only the new app version runs

-- step: expand:add-column:public.users.email_address
-- phase: expand
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD COLUMN email_address text;
-- rollback:
--   ALTER TABLE public.users DROP COLUMN email_address;

-- step: expand:sync-trigger:public.users.email_address
-- phase: expand
-- locks: SRE public.users (brief)
CREATE FUNCTION public.bellows_sync_users_email_address() RETURNS trigger LANGUAGE plpgsql AS $bellows$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.email_address IS NULL THEN
            NEW.email_address := NEW.email; -- an old writer
        ELSIF NEW.email IS NULL THEN
            NEW.email := NEW.email_address; -- a new writer
        ELSIF NEW.email_address IS DISTINCT FROM NEW.email THEN
            NEW.email := NEW.email_address; -- both written and different: new wins
        END IF;
    ELSIF NEW.email IS DISTINCT FROM OLD.email AND NOT (NEW.email_address IS DISTINCT FROM OLD.email_address) THEN
        NEW.email_address := NEW.email; -- only the old column changed
    ELSIF NEW.email_address IS DISTINCT FROM OLD.email_address THEN
        IF NEW.email_address IS DISTINCT FROM NEW.email THEN
            NEW.email := NEW.email_address; -- the new column changed
        END IF;
    END IF;
    RETURN NEW;
END
$bellows$;
CREATE TRIGGER bellows_sync_users_email_address BEFORE INSERT OR UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.bellows_sync_users_email_address();
-- rollback:
--   DROP TRIGGER IF EXISTS bellows_sync_users_email_address ON public.users;
--   DROP FUNCTION IF EXISTS public.bellows_sync_users_email_address();

-- step: backfill:copy-column:public.users.email_address
-- phase: backfill
-- locks: RE public.users (brief)
-- each batch: the next keys after the previous batch's last key ($1); $2 plan id, $3 step id, $4 estimated rows, $5 partition
WITH bellows_keys AS (
    SELECT id FROM public.users
    WHERE (id) > ($1)
    ORDER BY id
    LIMIT 1000
), bellows_updated AS (
    UPDATE public.users SET email_address = email
    WHERE (id) IN (SELECT id FROM bellows_keys) AND (email_address IS DISTINCT FROM email)
    RETURNING 1
), bellows_last AS (
    SELECT id FROM bellows_keys ORDER BY id DESC LIMIT 1
)
, bellows_checkpoint AS (
    INSERT INTO bellows.ledger_checkpoints AS c (plan_id, step_id, part, last_key, rows_done, batches, rows_estimated, batch_rows)
    SELECT $2, $3, coalesce($5, ''), ARRAY[bellows_last.id::text], (SELECT count(*) FROM bellows_updated), 1, nullif($4, '')::bigint, 1000 FROM bellows_last
    ON CONFLICT (plan_id, step_id, part) DO UPDATE SET last_key = EXCLUDED.last_key, rows_done = c.rows_done + EXCLUDED.rows_done, batches = c.batches + 1, rows_estimated = EXCLUDED.rows_estimated, batch_rows = EXCLUDED.batch_rows, finished = false, updated_at = clock_timestamp()
    RETURNING 1
)
SELECT (SELECT count(*) FROM bellows_keys) AS scanned,
       (SELECT count(*) FROM bellows_updated) AS updated,
       bellows_last.id::text
FROM bellows_last;
-- irreversible: Nothing to undo: it only fills public.users.email_address, which the expand rollback drops.

-- step: verify:add-sync-check:public.users.email_address
-- phase: verify
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD CONSTRAINT bellows_verify_users_email_address CHECK (NOT (email_address IS DISTINCT FROM email)) NOT VALID;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS bellows_verify_users_email_address;

-- step: verify:validate-sync-check:public.users.email_address
-- phase: verify
-- locks: SUE public.users
ALTER TABLE public.users VALIDATE CONSTRAINT bellows_verify_users_email_address;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS bellows_verify_users_email_address;

-- step: tighten:add-not-null-constraint:public.users.email_address
-- phase: tighten
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD CONSTRAINT users_email_address_not_null CHECK (email_address IS NOT NULL) NOT VALID;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_email_address_not_null;

-- step: tighten:validate-not-null:public.users.email_address
-- phase: tighten
-- locks: SUE public.users
ALTER TABLE public.users VALIDATE CONSTRAINT users_email_address_not_null;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_email_address_not_null;

-- step: tighten:set-not-null:public.users.email_address
-- phase: tighten
-- locks: AE public.users (brief)
ALTER TABLE public.users ALTER COLUMN email_address SET NOT NULL;
-- rollback:
--   ALTER TABLE public.users ALTER COLUMN email_address DROP NOT NULL;

-- step: tighten:drop-not-null-check:public.users.email_address
-- phase: tighten
-- locks: AE public.users (brief)
ALTER TABLE public.users DROP CONSTRAINT users_email_address_not_null;
-- rollback:
--   ALTER TABLE public.users ADD CONSTRAINT users_email_address_not_null CHECK (email_address IS NOT NULL) NOT VALID;

-- step: contract:drop-sync-check:public.users.email_address
-- phase: contract
-- locks: AE public.users (brief)
ALTER TABLE public.users DROP CONSTRAINT IF EXISTS bellows_verify_users_email_address;
-- rollback:
--   ALTER TABLE public.users ADD CONSTRAINT bellows_verify_users_email_address CHECK (NOT (email_address IS DISTINCT FROM email)) NOT VALID;

-- step: contract:drop-sync-trigger:public.users.email_address
-- phase: contract
-- locks: AE public.users (brief)
DROP TRIGGER IF EXISTS bellows_sync_users_email_address ON public.users;
DROP FUNCTION IF EXISTS public.bellows_sync_users_email_address();
ALTER TABLE public.users ALTER COLUMN email DROP NOT NULL;
ALTER TABLE public.users ALTER COLUMN email_address SET DEFAULT ''::text;
-- rollback:
--   ALTER TABLE public.users ALTER COLUMN email_address DROP DEFAULT;
--   CREATE FUNCTION public.bellows_sync_users_email_address() RETURNS trigger LANGUAGE plpgsql AS $bellows$
--   BEGIN
--       IF TG_OP = 'INSERT' THEN
--           IF NEW.email_address IS NULL THEN
--               NEW.email_address := NEW.email; -- an old writer
--           ELSIF NEW.email IS NULL THEN
--               NEW.email := NEW.email_address; -- a new writer
--           ELSIF NEW.email_address IS DISTINCT FROM NEW.email THEN
--               NEW.email := NEW.email_address; -- both written and different: new wins
--           END IF;
--       ELSIF NEW.email IS DISTINCT FROM OLD.email AND NOT (NEW.email_address IS DISTINCT FROM OLD.email_address) THEN
--           NEW.email_address := NEW.email; -- only the old column changed
--       ELSIF NEW.email_address IS DISTINCT FROM OLD.email_address THEN
--           IF NEW.email_address IS DISTINCT FROM NEW.email THEN
--               NEW.email := NEW.email_address; -- the new column changed
--           END IF;
--       END IF;
--       RETURN NEW;
--   END
--   $bellows$;
--   CREATE TRIGGER bellows_sync_users_email_address BEFORE INSERT OR UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.bellows_sync_users_email_address();

-- step: contract:drop-column:public.users.email
-- phase: contract
-- locks: AE public.users (brief)
ALTER TABLE public.users DROP COLUMN email;
-- irreversible: The old column's values are gone; they equal the new column's as of the verify step.

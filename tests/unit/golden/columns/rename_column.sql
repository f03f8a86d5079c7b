-- gate before contract: Deploy the app version that reads and writes the new shape
-- gate before contract: Drain old instances: only the new app version runs

-- step: expand:add-column:public.users.display_name
-- phase: expand
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD COLUMN display_name character varying(50);
-- rollback:
--   ALTER TABLE public.users DROP COLUMN display_name;

-- step: expand:sync-trigger:public.users.display_name
-- phase: expand
-- locks: SRE public.users (brief)
CREATE FUNCTION public.bellows_sync_users_display_name() RETURNS trigger LANGUAGE plpgsql AS $bellows$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.display_name IS NULL THEN
            NEW.display_name := NEW.full_name; -- an old writer
        ELSIF NEW.full_name IS NULL THEN
            NEW.full_name := NEW.display_name; -- a new writer
        ELSIF NEW.display_name IS DISTINCT FROM NEW.full_name THEN
            NEW.full_name := NEW.display_name; -- both written and different: new wins
        END IF;
    ELSIF NEW.full_name IS DISTINCT FROM OLD.full_name AND NOT (NEW.display_name IS DISTINCT FROM OLD.display_name) THEN
        NEW.display_name := NEW.full_name; -- only the old column changed
    ELSIF NEW.display_name IS DISTINCT FROM OLD.display_name THEN
        IF NEW.display_name IS DISTINCT FROM NEW.full_name THEN
            NEW.full_name := NEW.display_name; -- the new column changed
        END IF;
    END IF;
    RETURN NEW;
END
$bellows$;
CREATE TRIGGER bellows_sync_users_display_name BEFORE INSERT OR UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.bellows_sync_users_display_name();
-- rollback:
--   DROP TRIGGER IF EXISTS bellows_sync_users_display_name ON public.users;
--   DROP FUNCTION IF EXISTS public.bellows_sync_users_display_name();

-- step: backfill:copy-column:public.users.display_name
-- phase: backfill
-- locks: RE public.users (brief)
-- each batch: the next keys after the previous batch's last key ($1); $2 plan id, $3 step id, $4 estimated rows, $5 partition
WITH bellows_keys AS (
    SELECT id FROM public.users
    WHERE (id) > ($1)
    ORDER BY id
    LIMIT 1000
), bellows_updated AS (
    UPDATE public.users SET display_name = full_name
    WHERE (id) IN (SELECT id FROM bellows_keys) AND (display_name IS DISTINCT FROM full_name)
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
-- irreversible: Nothing to undo: it only fills public.users.display_name, which the expand rollback drops.

-- step: backfill:copy-index:public.users_full_name_idx_bellows
-- phase: backfill
-- locks: SUE public.users
-- outside transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_full_name_idx_bellows ON public.users USING btree (display_name);
-- rollback:
--   DROP INDEX CONCURRENTLY IF EXISTS public.users_full_name_idx_bellows;

-- step: verify:add-sync-check:public.users.display_name
-- phase: verify
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD CONSTRAINT bellows_verify_users_display_name CHECK (NOT (display_name IS DISTINCT FROM full_name)) NOT VALID;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS bellows_verify_users_display_name;

-- step: verify:validate-sync-check:public.users.display_name
-- phase: verify
-- locks: SUE public.users
ALTER TABLE public.users VALIDATE CONSTRAINT bellows_verify_users_display_name;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS bellows_verify_users_display_name;

-- step: contract:drop-sync-check:public.users.display_name
-- phase: contract
-- locks: AE public.users (brief)
ALTER TABLE public.users DROP CONSTRAINT IF EXISTS bellows_verify_users_display_name;
-- rollback:
--   ALTER TABLE public.users ADD CONSTRAINT bellows_verify_users_display_name CHECK (NOT (display_name IS DISTINCT FROM full_name)) NOT VALID;

-- step: contract:drop-sync-trigger:public.users.display_name
-- phase: contract
-- locks: AE public.users (brief)
DROP TRIGGER IF EXISTS bellows_sync_users_display_name ON public.users;
DROP FUNCTION IF EXISTS public.bellows_sync_users_display_name();
-- rollback:
--   CREATE FUNCTION public.bellows_sync_users_display_name() RETURNS trigger LANGUAGE plpgsql AS $bellows$
--   BEGIN
--       IF TG_OP = 'INSERT' THEN
--           IF NEW.display_name IS NULL THEN
--               NEW.display_name := NEW.full_name; -- an old writer
--           ELSIF NEW.full_name IS NULL THEN
--               NEW.full_name := NEW.display_name; -- a new writer
--           ELSIF NEW.display_name IS DISTINCT FROM NEW.full_name THEN
--               NEW.full_name := NEW.display_name; -- both written and different: new wins
--           END IF;
--       ELSIF NEW.full_name IS DISTINCT FROM OLD.full_name AND NOT (NEW.display_name IS DISTINCT FROM OLD.display_name) THEN
--           NEW.display_name := NEW.full_name; -- only the old column changed
--       ELSIF NEW.display_name IS DISTINCT FROM OLD.display_name THEN
--           IF NEW.display_name IS DISTINCT FROM NEW.full_name THEN
--               NEW.full_name := NEW.display_name; -- the new column changed
--           END IF;
--       END IF;
--       RETURN NEW;
--   END
--   $bellows$;
--   CREATE TRIGGER bellows_sync_users_display_name BEFORE INSERT OR UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.bellows_sync_users_display_name();

-- step: contract:drop-column:public.users.full_name
-- phase: contract
-- locks: AE public.users (brief)
ALTER TABLE public.users DROP COLUMN full_name;
-- irreversible: The old column's values are gone; they equal the new column's as of the verify step.

-- step: contract:restore-names:public.users.display_name
-- phase: contract
-- locks: AE public.users (brief)
ALTER INDEX public.users_full_name_idx_bellows RENAME TO users_full_name_idx;
-- rollback:
--   ALTER INDEX public.users_full_name_idx RENAME TO users_full_name_idx_bellows;

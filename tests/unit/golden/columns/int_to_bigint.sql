-- gate before contract: Deploy the app version that reads and writes the new shape
-- gate before contract: Drain old instances: only the new app version runs

-- step: expand:add-column:public.users.score_bellows_new
-- phase: expand
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD COLUMN score_bellows_new bigint;
-- rollback:
--   ALTER TABLE public.users DROP COLUMN score_bellows_new;

-- step: expand:sync-trigger:public.users.score
-- phase: expand
-- locks: SRE public.users (brief)
CREATE FUNCTION public.bellows_sync_users_score_bellows_new() RETURNS trigger LANGUAGE plpgsql AS $bellows$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.score_bellows_new IS NULL THEN
            NEW.score_bellows_new := (NEW.score)::bigint; -- an old writer
        ELSIF NEW.score IS NULL THEN
            NEW.score := (NEW.score_bellows_new)::integer; -- a new writer
        ELSIF NEW.score_bellows_new IS DISTINCT FROM (NEW.score)::bigint THEN
            NEW.score := (NEW.score_bellows_new)::integer; -- both written and different: new wins
        END IF;
    ELSIF NEW.score IS DISTINCT FROM OLD.score AND NOT (NEW.score_bellows_new IS DISTINCT FROM OLD.score_bellows_new) THEN
        NEW.score_bellows_new := (NEW.score)::bigint; -- only the old column changed
    ELSIF NEW.score_bellows_new IS DISTINCT FROM OLD.score_bellows_new THEN
        IF NEW.score_bellows_new IS DISTINCT FROM (NEW.score)::bigint THEN
            NEW.score := (NEW.score_bellows_new)::integer; -- the new column changed
        END IF;
    END IF;
    RETURN NEW;
END
$bellows$;
CREATE TRIGGER bellows_sync_users_score_bellows_new BEFORE INSERT OR UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.bellows_sync_users_score_bellows_new();
-- rollback:
--   DROP TRIGGER IF EXISTS bellows_sync_users_score_bellows_new ON public.users;
--   DROP FUNCTION IF EXISTS public.bellows_sync_users_score_bellows_new();

-- step: backfill:copy-column:public.users.score
-- phase: backfill
-- locks: RE public.users (brief)
-- each batch: the next keys after the previous batch's last key ($1); $2 plan id, $3 step id, $4 estimated rows, $5 partition
WITH bellows_keys AS (
    SELECT id FROM public.users
    WHERE (id) > ($1)
    ORDER BY id
    LIMIT 1000
), bellows_updated AS (
    UPDATE public.users SET score_bellows_new = (score)::bigint
    WHERE (id) IN (SELECT id FROM bellows_keys) AND (score_bellows_new IS DISTINCT FROM (score)::bigint)
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
-- irreversible: Nothing to undo: it only fills public.users.score_bellows_new, which the expand rollback drops.

-- step: verify:add-sync-check:public.users.score
-- phase: verify
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD CONSTRAINT bellows_verify_users_score_bellows_new CHECK (NOT (score_bellows_new IS DISTINCT FROM (score)::bigint)) NOT VALID;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS bellows_verify_users_score_bellows_new;

-- step: verify:validate-sync-check:public.users.score
-- phase: verify
-- locks: SUE public.users
ALTER TABLE public.users VALIDATE CONSTRAINT bellows_verify_users_score_bellows_new;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS bellows_verify_users_score_bellows_new;

-- step: tighten:copy-constraint:public.users.users_score_check_bellows
-- phase: tighten
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD CONSTRAINT users_score_check_bellows CHECK ((score_bellows_new >= 0)) NOT VALID;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_score_check_bellows;

-- step: tighten:validate-constraint:public.users.users_score_check_bellows
-- phase: tighten
-- locks: SUE public.users
ALTER TABLE public.users VALIDATE CONSTRAINT users_score_check_bellows;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_score_check_bellows;

-- step: contract:drop-sync-check:public.users.score
-- phase: contract
-- locks: AE public.users (brief)
ALTER TABLE public.users DROP CONSTRAINT IF EXISTS bellows_verify_users_score_bellows_new;
-- rollback:
--   ALTER TABLE public.users ADD CONSTRAINT bellows_verify_users_score_bellows_new CHECK (NOT (score_bellows_new IS DISTINCT FROM (score)::bigint)) NOT VALID;

-- step: contract:drop-sync-trigger:public.users.score
-- phase: contract
-- locks: AE public.users (brief)
DROP TRIGGER IF EXISTS bellows_sync_users_score_bellows_new ON public.users;
DROP FUNCTION IF EXISTS public.bellows_sync_users_score_bellows_new();
ALTER TABLE public.users RENAME COLUMN score TO score_bellows_old;
ALTER TABLE public.users RENAME COLUMN score_bellows_new TO score;
-- rollback:
--   ALTER TABLE public.users RENAME COLUMN score TO score_bellows_new;
--   ALTER TABLE public.users RENAME COLUMN score_bellows_old TO score;
--   CREATE FUNCTION public.bellows_sync_users_score_bellows_new() RETURNS trigger LANGUAGE plpgsql AS $bellows$
--   BEGIN
--       IF TG_OP = 'INSERT' THEN
--           IF NEW.score_bellows_new IS NULL THEN
--               NEW.score_bellows_new := (NEW.score)::bigint; -- an old writer
--           ELSIF NEW.score IS NULL THEN
--               NEW.score := (NEW.score_bellows_new)::integer; -- a new writer
--           ELSIF NEW.score_bellows_new IS DISTINCT FROM (NEW.score)::bigint THEN
--               NEW.score := (NEW.score_bellows_new)::integer; -- both written and different: new wins
--           END IF;
--       ELSIF NEW.score IS DISTINCT FROM OLD.score AND NOT (NEW.score_bellows_new IS DISTINCT FROM OLD.score_bellows_new) THEN
--           NEW.score_bellows_new := (NEW.score)::bigint; -- only the old column changed
--       ELSIF NEW.score_bellows_new IS DISTINCT FROM OLD.score_bellows_new THEN
--           IF NEW.score_bellows_new IS DISTINCT FROM (NEW.score)::bigint THEN
--               NEW.score := (NEW.score_bellows_new)::integer; -- the new column changed
--           END IF;
--       END IF;
--       RETURN NEW;
--   END
--   $bellows$;
--   CREATE TRIGGER bellows_sync_users_score_bellows_new BEFORE INSERT OR UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.bellows_sync_users_score_bellows_new();

-- step: contract:drop-column:public.users.score_bellows_old
-- phase: contract
-- locks: AE public.users (brief)
ALTER TABLE public.users DROP COLUMN score_bellows_old;
-- irreversible: The old column's values are gone; they equal the new column's as of the verify step.

-- step: contract:restore-names:public.users.score
-- phase: contract
-- locks: AE public.users (brief)
ALTER TABLE public.users RENAME CONSTRAINT users_score_check_bellows TO users_score_check;
-- rollback:
--   ALTER TABLE public.users RENAME CONSTRAINT users_score_check TO users_score_check_bellows;

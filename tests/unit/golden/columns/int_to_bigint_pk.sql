-- gate before tighten: Deploy the app version that reads and writes the new shape
-- gate before contract: Drain old instances: only the new app version runs

-- step: expand:add-column:public.legacy_people.id_bellows_new
-- phase: expand
-- locks: AE public.legacy_people (brief)
ALTER TABLE public.legacy_people ADD COLUMN id_bellows_new bigint;
-- rollback:
--   ALTER TABLE public.legacy_people DROP COLUMN id_bellows_new;

-- step: expand:sync-trigger:public.legacy_people.id
-- phase: expand
-- locks: SRE public.legacy_people (brief)
CREATE FUNCTION public.bellows_sync_legacy_people_id_bellows_new_ec1b55f4() RETURNS trigger LANGUAGE plpgsql AS $bellows$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.id_bellows_new IS NULL THEN
            NEW.id_bellows_new := (NEW.id)::bigint; -- an old writer
        ELSIF NEW.id IS NULL THEN
            NEW.id := (NEW.id_bellows_new)::integer; -- a new writer
        ELSIF NEW.id_bellows_new IS DISTINCT FROM (NEW.id)::bigint THEN
            NEW.id := (NEW.id_bellows_new)::integer; -- both written and different: new wins
        END IF;
    ELSIF NEW.id IS DISTINCT FROM OLD.id AND NOT (NEW.id_bellows_new IS DISTINCT FROM OLD.id_bellows_new) THEN
        NEW.id_bellows_new := (NEW.id)::bigint; -- only the old column changed
    ELSIF NEW.id_bellows_new IS DISTINCT FROM OLD.id_bellows_new THEN
        IF NEW.id_bellows_new IS DISTINCT FROM (NEW.id)::bigint THEN
            NEW.id := (NEW.id_bellows_new)::integer; -- the new column changed
        END IF;
    END IF;
    RETURN NEW;
END
$bellows$;
CREATE TRIGGER bellows_sync_legacy_people_id_bellows_new_ec1b55f4 BEFORE INSERT OR UPDATE ON public.legacy_people FOR EACH ROW EXECUTE FUNCTION public.bellows_sync_legacy_people_id_bellows_new_ec1b55f4();
-- rollback:
--   DROP TRIGGER IF EXISTS bellows_sync_legacy_people_id_bellows_new_ec1b55f4 ON public.legacy_people;
--   DROP FUNCTION IF EXISTS public.bellows_sync_legacy_people_id_bellows_new_ec1b55f4();

-- step: backfill:copy-column:public.legacy_people.id
-- phase: backfill
-- locks: RE public.legacy_people (brief)
-- each batch: the next keys after the previous batch's last key ($1); $2 plan id, $3 step id, $4 estimated rows, $5 partition
WITH bellows_keys AS (
    SELECT id FROM public.legacy_people
    WHERE (id) > ($1)
    ORDER BY id
    LIMIT 1000
), bellows_updated AS (
    UPDATE public.legacy_people SET id_bellows_new = (id)::bigint
    WHERE (id) IN (SELECT id FROM bellows_keys) AND (id_bellows_new IS DISTINCT FROM (id)::bigint)
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
-- irreversible: Nothing to undo: it only fills public.legacy_people.id_bellows_new, which the expand rollback drops.

-- step: backfill:build-key-index:public.legacy_people_pkey_bellows
-- phase: backfill
-- locks: SUE public.legacy_people
-- outside transaction
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS legacy_people_pkey_bellows ON public.legacy_people USING btree (id_bellows_new);
-- rollback:
--   DROP INDEX CONCURRENTLY IF EXISTS public.legacy_people_pkey_bellows;

-- step: verify:add-sync-check:public.legacy_people.id
-- phase: verify
-- locks: AE public.legacy_people (brief)
ALTER TABLE public.legacy_people ADD CONSTRAINT bellows_verify_legacy_people_id_bellows_new CHECK (NOT (id_bellows_new IS DISTINCT FROM (id)::bigint)) NOT VALID;
-- rollback:
--   ALTER TABLE public.legacy_people DROP CONSTRAINT IF EXISTS bellows_verify_legacy_people_id_bellows_new;

-- step: verify:validate-sync-check:public.legacy_people.id
-- phase: verify
-- locks: SUE public.legacy_people
ALTER TABLE public.legacy_people VALIDATE CONSTRAINT bellows_verify_legacy_people_id_bellows_new;
-- rollback:
--   ALTER TABLE public.legacy_people DROP CONSTRAINT IF EXISTS bellows_verify_legacy_people_id_bellows_new;

-- step: tighten:add-not-null-constraint:public.legacy_people.id_bellows_new
-- phase: tighten
-- locks: AE public.legacy_people (brief)
ALTER TABLE public.legacy_people ADD CONSTRAINT legacy_people_id_bellows_new_not_null CHECK (id_bellows_new IS NOT NULL) NOT VALID;
-- rollback:
--   ALTER TABLE public.legacy_people DROP CONSTRAINT IF EXISTS legacy_people_id_bellows_new_not_null;

-- step: tighten:validate-not-null:public.legacy_people.id_bellows_new
-- phase: tighten
-- locks: SUE public.legacy_people
ALTER TABLE public.legacy_people VALIDATE CONSTRAINT legacy_people_id_bellows_new_not_null;
-- rollback:
--   ALTER TABLE public.legacy_people DROP CONSTRAINT IF EXISTS legacy_people_id_bellows_new_not_null;

-- step: tighten:set-not-null:public.legacy_people.id_bellows_new
-- phase: tighten
-- locks: AE public.legacy_people (brief)
ALTER TABLE public.legacy_people ALTER COLUMN id_bellows_new SET NOT NULL;
-- rollback:
--   ALTER TABLE public.legacy_people ALTER COLUMN id_bellows_new DROP NOT NULL;

-- step: tighten:drop-not-null-check:public.legacy_people.id_bellows_new
-- phase: tighten
-- locks: AE public.legacy_people (brief)
ALTER TABLE public.legacy_people DROP CONSTRAINT legacy_people_id_bellows_new_not_null;
-- rollback:
--   ALTER TABLE public.legacy_people ADD CONSTRAINT legacy_people_id_bellows_new_not_null CHECK (id_bellows_new IS NOT NULL) NOT VALID;

-- step: contract:drop-sync-check:public.legacy_people.id
-- phase: contract
-- locks: AE public.legacy_people (brief)
ALTER TABLE public.legacy_people DROP CONSTRAINT IF EXISTS bellows_verify_legacy_people_id_bellows_new;
-- rollback:
--   ALTER TABLE public.legacy_people ADD CONSTRAINT bellows_verify_legacy_people_id_bellows_new CHECK (NOT (id_bellows_new IS DISTINCT FROM (id)::bigint)) NOT VALID;

-- step: contract:swap-key:public.legacy_people.id
-- phase: contract
-- locks: AE public.legacy_people (brief)
LOCK TABLE public.legacy_people IN ACCESS EXCLUSIVE MODE;
ALTER TABLE public.legacy_people DROP CONSTRAINT legacy_people_pkey;
DROP TRIGGER IF EXISTS bellows_sync_legacy_people_id_bellows_new_ec1b55f4 ON public.legacy_people;
DROP FUNCTION IF EXISTS public.bellows_sync_legacy_people_id_bellows_new_ec1b55f4();
ALTER TABLE public.legacy_people ALTER COLUMN id DROP NOT NULL;
ALTER TABLE public.legacy_people RENAME COLUMN id TO id_bellows_old;
ALTER TABLE public.legacy_people RENAME COLUMN id_bellows_new TO id;
ALTER TABLE public.legacy_people ADD CONSTRAINT legacy_people_pkey PRIMARY KEY USING INDEX legacy_people_pkey_bellows;
-- irreversible: Dropping the new primary key drops its index; the old column needs a unique index built concurrently before the names can be swapped back (reference Y2, C1→C2).

-- step: contract:drop-column:public.legacy_people.id_bellows_old
-- phase: contract
-- locks: AE public.legacy_people (brief)
ALTER TABLE public.legacy_people DROP COLUMN id_bellows_old;
-- irreversible: The old column's values are gone; they equal the new column's as of the verify step.


-- step: expand:add-column:public.users.token
-- phase: expand
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD COLUMN token uuid, ALTER COLUMN token SET DEFAULT gen_random_uuid();
-- rollback:
--   ALTER TABLE public.users DROP COLUMN token;

-- step: backfill:fill-column:public.users.token
-- phase: backfill
-- locks: RE public.users (brief)
-- each batch: the next keys after the previous batch's last key ($1); $2 plan id, $3 step id, $4 estimated rows, $5 partition
WITH bellows_keys AS (
    SELECT id FROM public.users
    WHERE (id) > ($1)
    ORDER BY id
    LIMIT 1000
), bellows_updated AS (
    UPDATE public.users SET token = gen_random_uuid()
    WHERE (id) IN (SELECT id FROM bellows_keys) AND (token IS NULL)
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
-- irreversible: Nothing to undo: it only fills the new column, which the expand rollback drops.

-- step: tighten:add-not-null-constraint:public.users.token
-- phase: tighten
-- locks: AE public.users (brief)
ALTER TABLE public.users ADD CONSTRAINT users_token_not_null CHECK (token IS NOT NULL) NOT VALID;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_token_not_null;

-- step: tighten:validate-not-null:public.users.token
-- phase: tighten
-- locks: SUE public.users
ALTER TABLE public.users VALIDATE CONSTRAINT users_token_not_null;
-- rollback:
--   ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_token_not_null;

-- step: tighten:set-not-null:public.users.token
-- phase: tighten
-- locks: AE public.users (brief)
ALTER TABLE public.users ALTER COLUMN token SET NOT NULL;
-- rollback:
--   ALTER TABLE public.users ALTER COLUMN token DROP NOT NULL;

-- step: tighten:drop-not-null-check:public.users.token
-- phase: tighten
-- locks: AE public.users (brief)
ALTER TABLE public.users DROP CONSTRAINT users_token_not_null;
-- rollback:
--   ALTER TABLE public.users ADD CONSTRAINT users_token_not_null CHECK (token IS NOT NULL) NOT VALID;

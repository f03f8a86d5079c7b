SELECT count(*) = 4000 AND bool_and(state = (ARRAY['draft','published','archived'])[1 + id % 3]) FROM docs
SELECT indisvalid AND indisready FROM pg_index WHERE indexrelid = 'public.docs_state_idx'::regclass
SELECT to_regclass('public.docs_status_idx') IS NULL

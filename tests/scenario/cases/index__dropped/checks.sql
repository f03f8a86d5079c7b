SELECT count(*) = 4000 AND bool_and(title = 'Title ' || id) AND count(email) = 3556 AND bool_and(body ->> 'n' = id::text) AND bool_and(score = id % 1000) FROM docs
SELECT to_regclass('public.docs_status_idx') IS NULL

SELECT count(*) = 4000 AND bool_and(title = 'Title ' || id) AND count(email) = 3556 AND bool_and(body ->> 'n' = id::text) AND bool_and(score = id % 1000) FROM docs
SELECT indisvalid AND indisready FROM pg_index WHERE indexrelid = 'public.docs_title_key'::regclass

SELECT count(*) = 4000 AND bool_and(headline = 'Title ' || id) FROM docs
SELECT indisvalid AND indisready FROM pg_index WHERE indexrelid = 'public.docs_headline_key'::regclass

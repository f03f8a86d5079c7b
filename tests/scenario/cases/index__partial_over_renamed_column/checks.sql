SELECT count(*) = 4000 AND count(*) FILTER (WHERE state = 'published') = count(*) FILTER (WHERE id % 3 = 1) FROM docs
SELECT indisvalid AND indisready FROM pg_index WHERE indexrelid = 'public.docs_published_idx'::regclass

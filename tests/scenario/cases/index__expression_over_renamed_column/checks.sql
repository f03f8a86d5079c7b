SELECT count(*) = 4000 AND count(contact) = 3556 AND bool_and(contact IS NULL OR contact = 'U' || id || '@Example.com') FROM docs
SELECT indisvalid AND indisready FROM pg_index WHERE indexrelid = 'public.docs_lower_contact_idx'::regclass

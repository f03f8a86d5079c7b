SELECT count(*) = 3 FROM kids WHERE parent_id = 9999
SELECT NOT convalidated FROM pg_constraint WHERE conname = 'kids_parent_id_fkey'

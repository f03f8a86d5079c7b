SELECT count(*) = 2000 FROM shops
SELECT to_regtype('public.address') IS NULL

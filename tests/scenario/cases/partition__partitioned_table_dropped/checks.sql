SELECT count(*) = 10 FROM keep
SELECT to_regclass('public.readings') IS NULL AND to_regclass('public.readings_2024q1') IS NULL

SELECT (SELECT count(*) FROM readings WHERE id <= 5000) = (SELECT count(*) FROM generate_series(1, 5000) g WHERE date '2024-01-01' + (g % 182) >= date '2024-04-01')
SELECT count(*) = 500 FROM readings_2024q3
SELECT to_regclass('public.readings_2024q1') IS NULL

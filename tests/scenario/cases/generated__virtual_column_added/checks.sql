SELECT count(*) = 2000 AND bool_and(gross = net * 1.2) AND bool_and(net = id * 1.5) FROM prices
SELECT attgenerated = 'v' FROM pg_attribute WHERE attrelid = 'prices'::regclass AND attname = 'gross'

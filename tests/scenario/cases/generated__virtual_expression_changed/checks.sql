SELECT count(*) = 2000 AND bool_and(gross = net * 1.25) FROM prices

SELECT count(*) = 2000 AND bool_and((addr).postcode = lpad(id::text, 5, '0')) FROM shops

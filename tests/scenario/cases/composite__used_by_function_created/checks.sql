SELECT count(*) = 2000 AND bool_and((addr).street = 'Street ' || id AND (addr).city = 'City ' || (id % 10) AND (addr).zip = lpad(id::text, 5, '0')) FROM shops
SELECT format_address(addr) = 'Street 1, City 1' FROM shops WHERE id = 1

SELECT count(*) = 2000 AND count(addr) = 0 FROM shops

SELECT count(*) = 1000 AND bool_and(name = 'Customer ' || id) AND count(email) = 800 AND NOT bool_or(vip) FROM clients

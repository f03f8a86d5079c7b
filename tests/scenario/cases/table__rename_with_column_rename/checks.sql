SELECT count(*) = 1000 AND bool_and(full_name = 'Customer ' || id) AND count(email) = 800 FROM clients

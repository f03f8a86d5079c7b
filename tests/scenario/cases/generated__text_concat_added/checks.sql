SELECT count(*) = 2000 AND bool_and(full_name = 'First' || id || ' Last' || id) FROM people

SELECT count(*) = 1000 AND bool_and(display_name = 'P' || id) FROM people_names

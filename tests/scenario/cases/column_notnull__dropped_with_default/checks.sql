SELECT count(*) = 3000 AND bool_and(score = id) FROM contacts

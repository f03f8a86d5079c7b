SELECT count(*) = 3000 AND bool_and(body = 'note ' || id) FROM notes

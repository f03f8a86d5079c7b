SELECT count(*) = 3000 AND bool_and(parent_code = 'P' || (1 + id % 200)) FROM kids

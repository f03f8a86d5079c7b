SELECT count(*) = 3000 AND bool_and(parent_ref = 'P' || (1 + id % 200)) FROM kids

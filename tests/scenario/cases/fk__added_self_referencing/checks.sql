SELECT count(*) = 2000 AND count(parent_id) = 1990 AND bool_and(name = 'C' || id) FROM categories

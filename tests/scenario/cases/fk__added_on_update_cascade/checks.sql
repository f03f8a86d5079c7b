SELECT count(*) = 200 FROM parents
SELECT count(*) = 3000 AND count(parent_id) = 2700 AND bool_and(parent_id IS NULL OR parent_id = 1 + id % 200) FROM kids

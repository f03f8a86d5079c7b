SELECT count(*) = 3000 AND count(parent_id) = 0 FROM kids

SELECT count(*) = 3000 AND bool_and(org_id = 1 + id / 100 AND user_id = id % 100) FROM memberships

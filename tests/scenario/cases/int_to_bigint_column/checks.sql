SELECT count(*) = 4000 AND bool_and(hits = id * 3) FROM page_views

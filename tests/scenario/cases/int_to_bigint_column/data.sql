INSERT INTO page_views (path, hits) SELECT '/p/' || g, g * 3 FROM generate_series(1, 4000) g;

INSERT INTO blobs SELECT g, repeat(md5(g::text), 1 + g % 200), g FROM generate_series(1, 1500) g;

INSERT INTO t SELECT g, ROW(g + 0.5, 'xyz')::money2 FROM generate_series(1,100) g;

INSERT INTO notes SELECT g, (ARRAY['scn_app', 'scn_reader'])[1 + g % 2], 'note ' || g, g % 10 = 0 FROM generate_series(1, 2000) g;

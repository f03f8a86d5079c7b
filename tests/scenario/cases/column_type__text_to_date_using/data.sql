INSERT INTO items SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE to_char(date '2024-01-01' + g, 'DD/MM/YYYY') END FROM generate_series(1, 2000) g;

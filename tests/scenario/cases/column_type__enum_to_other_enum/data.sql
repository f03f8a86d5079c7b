INSERT INTO paints SELECT g, 'paint ' || g, (CASE WHEN g % 3 = 0 THEN 'green' ELSE 'red' END)::colour FROM generate_series(1, 3000) g;

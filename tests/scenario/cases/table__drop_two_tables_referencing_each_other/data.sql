INSERT INTO customers SELECT g, 'Customer ' || g, CASE WHEN g % 5 = 0 THEN NULL ELSE 'c' || g || '@example.com' END FROM generate_series(1, 1000) g;
INSERT INTO a_side SELECT g, NULL FROM generate_series(1, 50) g;
INSERT INTO b_side SELECT g, g FROM generate_series(1, 50) g;
UPDATE a_side SET b_id = id;

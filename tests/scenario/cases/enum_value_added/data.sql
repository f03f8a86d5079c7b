INSERT INTO shipments SELECT g, CASE WHEN g % 2 = 0 THEN 'new'::order_state ELSE 'shipped' END FROM generate_series(1, 500) g;

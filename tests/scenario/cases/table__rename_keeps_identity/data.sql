INSERT INTO tickets (title) SELECT 'T' || g FROM generate_series(1, 700) g;

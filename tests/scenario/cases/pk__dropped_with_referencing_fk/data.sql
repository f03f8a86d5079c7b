INSERT INTO sessions SELECT md5(g::text), 1 + g % 100, timestamptz '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 3000) g;
INSERT INTO session_events SELECT g, md5((1 + g % 3000)::text) FROM generate_series(1, 2000) g;

INSERT INTO events SELECT g, timestamptz '2024-01-01' + g * interval '1 minute', 'generic' FROM generate_series(1, 200) g;
INSERT INTO login_events SELECT g, timestamptz '2024-02-01' + g * interval '1 minute', 'login', ('10.0.0.' || (g % 250))::inet FROM generate_series(1001, 1300) g;

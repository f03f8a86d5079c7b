INSERT INTO bookings SELECT g, 1 + g % 10, tstzrange(timestamptz '2024-01-01' + g * interval '1 hour', timestamptz '2024-01-01' + (g + 1) * interval '1 hour'), g % 7 = 0 FROM generate_series(1, 2000) g;
INSERT INTO bookings VALUES (9999, 1, tstzrange(timestamptz '2024-01-01 05:30', timestamptz '2024-01-01 06:30'), false);

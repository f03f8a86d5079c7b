INSERT INTO bookings SELECT g, g % 5, tstzrange(timestamptz '2024-01-01' + (g / 5) * interval '1 hour', timestamptz '2024-01-01' + (g / 5 + 1) * interval '1 hour') FROM generate_series(0, 2999) g;

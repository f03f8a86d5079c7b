INSERT INTO words SELECT g, (ARRAY['apple', 'Banana', 'cherry', 'Äpfel', 'zebra', '_under'])[1 + g % 6] || g FROM generate_series(1, 1200) g;

CREATE INDEX readings_2024q2_value_idx ON readings_2024q2 (value);

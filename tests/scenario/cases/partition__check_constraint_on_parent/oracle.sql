ALTER TABLE readings ADD CONSTRAINT readings_value_nonneg CHECK (value >= 0);

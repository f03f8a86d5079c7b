CREATE INDEX docs_period_spgist_idx ON docs USING spgist (period);

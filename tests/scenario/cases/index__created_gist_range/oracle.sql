CREATE INDEX docs_period_gist_idx ON docs USING gist (period);

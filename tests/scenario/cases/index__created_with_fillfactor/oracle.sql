CREATE INDEX docs_score_idx ON docs (score) WITH (fillfactor = 70);

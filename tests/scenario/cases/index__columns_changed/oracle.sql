DROP INDEX docs_status_idx;
CREATE INDEX docs_status_idx ON docs (status, score);

CREATE INDEX docs_status_idx ON docs (status);

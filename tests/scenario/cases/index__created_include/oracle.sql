CREATE INDEX docs_status_incl_idx ON docs (status) INCLUDE (title, score);

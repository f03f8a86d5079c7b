CREATE INDEX docs_status_published_idx ON docs (status, published_at);

CREATE INDEX docs_title_fts_idx ON docs USING gin (to_tsvector('english', title));

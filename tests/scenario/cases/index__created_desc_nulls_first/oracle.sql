CREATE INDEX docs_published_desc_idx ON docs (published_at DESC NULLS LAST, score NULLS FIRST);

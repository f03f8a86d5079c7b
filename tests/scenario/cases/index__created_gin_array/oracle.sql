CREATE INDEX docs_tags_gin_idx ON docs USING gin (tags);

CREATE INDEX docs_published_brin_idx ON docs USING brin (published_at) WITH (pages_per_range = 16);

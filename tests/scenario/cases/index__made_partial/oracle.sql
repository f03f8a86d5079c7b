DROP INDEX docs_published_idx;
CREATE INDEX docs_published_idx ON docs (published_at) WHERE status <> 'archived';

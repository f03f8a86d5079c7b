CREATE INDEX docs_body_gin_idx ON docs USING gin (body jsonb_path_ops);

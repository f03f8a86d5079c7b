CREATE INDEX docs_title_pattern_idx ON docs (title text_pattern_ops);

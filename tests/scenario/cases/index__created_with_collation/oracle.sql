CREATE INDEX docs_title_c_idx ON docs (title COLLATE "C");

CREATE UNIQUE INDEX docs_title_key ON docs (title);

DROP INDEX docs_title_idx;
CREATE UNIQUE INDEX docs_title_idx ON docs (title);

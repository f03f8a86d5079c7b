ALTER TABLE docs RENAME COLUMN title TO headline;
ALTER INDEX docs_title_key RENAME TO docs_headline_key;

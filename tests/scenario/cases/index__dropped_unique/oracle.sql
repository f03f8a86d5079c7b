DROP INDEX docs_title_key;

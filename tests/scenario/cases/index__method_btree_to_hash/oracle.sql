DROP INDEX docs_email_idx;
CREATE INDEX docs_email_idx ON docs USING hash (email);

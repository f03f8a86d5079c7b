CREATE INDEX docs_email_hash_idx ON docs USING hash (email);

CREATE INDEX docs_lower_email_idx ON docs (lower(email));

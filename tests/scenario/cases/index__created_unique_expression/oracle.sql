CREATE UNIQUE INDEX docs_lower_email_key ON docs (lower(email));

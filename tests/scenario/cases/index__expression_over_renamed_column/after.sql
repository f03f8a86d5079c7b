CREATE TABLE docs (id int PRIMARY KEY, title text NOT NULL, contact text, status text NOT NULL, body jsonb, tags text[], published_at timestamptz, period tstzrange, score int);
CREATE INDEX docs_lower_contact_idx ON docs (lower(contact));

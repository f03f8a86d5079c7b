CREATE TABLE docs (id int PRIMARY KEY, title text NOT NULL, email text, status text NOT NULL, body jsonb, tags text[], published_at timestamptz, period tstzrange, score int);
CREATE INDEX docs_status_idx ON docs (status);

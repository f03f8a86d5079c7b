CREATE TABLE docs (id int PRIMARY KEY, title text NOT NULL, email text, status text NOT NULL, body jsonb, tags text[], published_at timestamptz, period tstzrange, score int);
CREATE INDEX docs_title_fts_idx ON docs USING gin (to_tsvector('english', title));

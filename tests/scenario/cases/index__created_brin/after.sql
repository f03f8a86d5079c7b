CREATE TABLE docs (id int PRIMARY KEY, title text NOT NULL, email text, status text NOT NULL, body jsonb, tags text[], published_at timestamptz, period tstzrange, score int);
CREATE INDEX docs_published_brin_idx ON docs USING brin (published_at) WITH (pages_per_range = 16);

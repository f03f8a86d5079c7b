CREATE TABLE docs (id int PRIMARY KEY, title text NOT NULL, email text, status text NOT NULL, body jsonb, tags text[], published_at timestamptz, period tstzrange, score int);
CREATE INDEX docs_lower_title_idx ON docs (lower(title));
ALTER INDEX docs_lower_title_idx ALTER COLUMN 1 SET STATISTICS 500;

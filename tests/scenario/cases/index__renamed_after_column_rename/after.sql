CREATE TABLE docs (id int PRIMARY KEY, title text NOT NULL, email text, state text NOT NULL, body jsonb, tags text[], published_at timestamptz, period tstzrange, score int);
CREATE INDEX docs_state_idx ON docs (state);

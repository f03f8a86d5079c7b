CREATE TABLE drafts (id bigint PRIMARY KEY, title varchar(200) NOT NULL, summary text NOT NULL, created_at timestamptz NOT NULL);

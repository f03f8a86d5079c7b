CREATE TABLE widgets (code text PRIMARY KEY, name text NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY);

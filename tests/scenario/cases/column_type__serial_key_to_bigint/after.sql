CREATE TABLE logs (id bigserial PRIMARY KEY, line text NOT NULL);

CREATE TABLE account (id bigserial PRIMARY KEY, name text);
CREATE TABLE project (id bigserial PRIMARY KEY, account_id bigint NOT NULL REFERENCES account (id));
CREATE TABLE task (id serial PRIMARY KEY, project_id bigint REFERENCES project (id), account_id bigint REFERENCES account (id));

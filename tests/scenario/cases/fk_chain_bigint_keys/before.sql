CREATE TABLE account (id serial PRIMARY KEY, name text);
CREATE TABLE project (id serial PRIMARY KEY, account_id int NOT NULL REFERENCES account (id));
CREATE TABLE task (id serial PRIMARY KEY, project_id int REFERENCES project (id), account_id int REFERENCES account (id));

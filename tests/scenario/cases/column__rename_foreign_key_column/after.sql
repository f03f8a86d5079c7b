CREATE TABLE teams (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, email text, balance numeric(12,2), team_id int REFERENCES teams (id));

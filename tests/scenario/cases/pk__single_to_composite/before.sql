CREATE TABLE memberships (id int PRIMARY KEY, org_id int NOT NULL, user_id int NOT NULL, role text NOT NULL);

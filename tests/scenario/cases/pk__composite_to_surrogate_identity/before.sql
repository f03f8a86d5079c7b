CREATE TABLE memberships (org_id int NOT NULL, user_id int NOT NULL, role text NOT NULL, PRIMARY KEY (org_id, user_id));

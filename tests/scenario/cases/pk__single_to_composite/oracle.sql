ALTER TABLE memberships DROP CONSTRAINT memberships_pkey, ADD PRIMARY KEY (org_id, user_id);

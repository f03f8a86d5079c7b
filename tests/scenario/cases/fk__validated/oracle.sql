ALTER TABLE kids VALIDATE CONSTRAINT kids_parent_id_fkey;

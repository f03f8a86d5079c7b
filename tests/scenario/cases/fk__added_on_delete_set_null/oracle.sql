ALTER TABLE kids ADD CONSTRAINT kids_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES parents (id) ON DELETE SET NULL;

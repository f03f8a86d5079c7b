ALTER TABLE parents ADD CONSTRAINT parents_name_key UNIQUE (name);
ALTER TABLE kids DROP CONSTRAINT kids_parent_ref_fkey;
ALTER TABLE kids ADD CONSTRAINT kids_parent_ref_fkey FOREIGN KEY (parent_ref) REFERENCES parents (name);

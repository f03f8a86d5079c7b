ALTER TABLE kids DROP CONSTRAINT kids_parent_id_fkey;

ALTER TABLE parents RENAME TO guardians;
ALTER INDEX parents_pkey RENAME TO guardians_pkey;
ALTER INDEX parents_code_key RENAME TO guardians_code_key;
ALTER TABLE kids ADD CONSTRAINT kids_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES guardians (id);

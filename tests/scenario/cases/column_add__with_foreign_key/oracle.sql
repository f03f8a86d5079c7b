ALTER TABLE accounts ADD COLUMN manager_id int REFERENCES accounts (id);

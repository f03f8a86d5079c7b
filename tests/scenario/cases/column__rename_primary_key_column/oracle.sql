ALTER TABLE accounts RENAME COLUMN id TO account_id;

ALTER TABLE accounts RENAME COLUMN balance TO amount;
ALTER TABLE accounts ALTER COLUMN amount TYPE numeric(14,2);

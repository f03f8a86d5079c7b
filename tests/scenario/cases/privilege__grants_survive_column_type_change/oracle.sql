ALTER TABLE ledger ALTER COLUMN amount TYPE numeric(14,2);

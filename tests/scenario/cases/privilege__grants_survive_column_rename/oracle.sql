ALTER TABLE ledger RENAME COLUMN amount TO value;

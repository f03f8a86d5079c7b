ALTER TABLE accounts RENAME COLUMN status TO state;

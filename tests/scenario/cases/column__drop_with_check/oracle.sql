ALTER TABLE accounts DROP COLUMN priority;

ALTER SCHEMA sales RENAME TO commerce;

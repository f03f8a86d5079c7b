ALTER TABLE docs RENAME COLUMN status TO state;

ALTER TABLE measurements RENAME COLUMN reading TO value;

ALTER TABLE readings DROP COLUMN legacy;

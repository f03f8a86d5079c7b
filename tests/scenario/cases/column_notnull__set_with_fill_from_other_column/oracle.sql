UPDATE contacts SET score = id * 10 WHERE score IS NULL;
ALTER TABLE contacts ALTER COLUMN score SET NOT NULL;

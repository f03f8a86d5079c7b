UPDATE contacts SET phone = 'unknown' WHERE phone IS NULL;
ALTER TABLE contacts ALTER COLUMN phone SET NOT NULL;

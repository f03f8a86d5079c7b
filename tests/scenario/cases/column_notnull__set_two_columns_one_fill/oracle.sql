UPDATE contacts SET phone = coalesce(phone, 'unknown'), score = coalesce(score, -1);
ALTER TABLE contacts ALTER COLUMN phone SET NOT NULL, ALTER COLUMN score SET NOT NULL;

ALTER TABLE accounts RENAME COLUMN email TO contact_email;

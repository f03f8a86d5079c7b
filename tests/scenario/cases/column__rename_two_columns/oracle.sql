ALTER TABLE accounts RENAME COLUMN name TO title;
ALTER TABLE accounts RENAME COLUMN email TO contact_email;

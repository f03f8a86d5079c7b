ALTER TABLE docs RENAME COLUMN email TO contact;
ALTER INDEX docs_lower_email_idx RENAME TO docs_lower_contact_idx;

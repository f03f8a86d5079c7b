CREATE SEQUENCE contact_scores START 5000;
ALTER TABLE contacts ALTER COLUMN score SET DEFAULT nextval('contact_scores');

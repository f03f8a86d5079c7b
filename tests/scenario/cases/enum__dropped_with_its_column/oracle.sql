ALTER TABLE tasks DROP COLUMN urgency;
DROP TYPE urgency;

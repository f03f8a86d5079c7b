CREATE TYPE urgency AS ENUM ('low', 'high');
ALTER TABLE tasks ADD COLUMN urgency urgency;

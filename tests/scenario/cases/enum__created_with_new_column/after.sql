CREATE TYPE urgency AS ENUM ('low', 'high');
CREATE TABLE tasks (id int PRIMARY KEY, title text NOT NULL, urgency urgency);

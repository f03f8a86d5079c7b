CREATE TYPE priority AS ENUM ('low', 'normal', 'high');
CREATE TABLE contacts (id int PRIMARY KEY, name text NOT NULL, phone text, score int, prio priority NOT NULL DEFAULT 'normal');

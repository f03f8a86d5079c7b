CREATE DOMAIN amount AS numeric(14,2) CHECK (VALUE >= 0);
CREATE TABLE payments (id int PRIMARY KEY, value amount);

CREATE TABLE prices (id int PRIMARY KEY, net numeric(10,2) NOT NULL,
    gross numeric GENERATED ALWAYS AS (net * 1.2) VIRTUAL);

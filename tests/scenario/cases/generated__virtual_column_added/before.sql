CREATE TABLE prices (id int PRIMARY KEY, net numeric(10,2) NOT NULL);

CREATE TABLE r_2024 (id int, d date NOT NULL);

CREATE TABLE readings (id bigint NOT NULL, taken_on date NOT NULL, sensor text NOT NULL, value numeric, PRIMARY KEY (id, taken_on));

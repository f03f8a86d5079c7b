CREATE TABLE measurements (sensor text NOT NULL, taken_at timestamptz NOT NULL, reading int);

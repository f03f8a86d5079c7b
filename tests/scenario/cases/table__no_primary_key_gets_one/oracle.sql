ALTER TABLE measurements ADD PRIMARY KEY (sensor, taken_at);

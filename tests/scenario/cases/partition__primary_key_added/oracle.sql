ALTER TABLE readings ADD PRIMARY KEY (id, taken_on);

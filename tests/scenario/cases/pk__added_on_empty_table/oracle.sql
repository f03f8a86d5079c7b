ALTER TABLE sessions ADD PRIMARY KEY (token);

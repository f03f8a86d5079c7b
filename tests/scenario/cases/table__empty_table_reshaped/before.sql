CREATE TABLE drafts (id int PRIMARY KEY, title text, body text);

CREATE TABLE words (id int PRIMARY KEY, word text COLLATE "C");
CREATE INDEX words_word_idx ON words (word);

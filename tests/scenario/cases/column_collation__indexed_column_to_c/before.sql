CREATE TABLE words (id int PRIMARY KEY, word text);
CREATE INDEX words_word_idx ON words (word);

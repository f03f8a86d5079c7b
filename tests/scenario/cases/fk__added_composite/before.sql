CREATE TABLE shelves (store int, shelf int, label text, PRIMARY KEY (store, shelf));
CREATE TABLE books (id int PRIMARY KEY, store int, shelf int);

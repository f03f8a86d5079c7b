ALTER TABLE customers SET (fillfactor = 70);

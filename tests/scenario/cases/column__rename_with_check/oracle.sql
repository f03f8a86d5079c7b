ALTER TABLE accounts RENAME COLUMN quantity TO qty;

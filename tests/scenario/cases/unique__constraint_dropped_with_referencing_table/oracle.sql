DROP TABLE orders;
ALTER TABLE accounts DROP CONSTRAINT accounts_code_key;

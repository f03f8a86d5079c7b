ALTER TABLE accounts RENAME COLUMN code TO sku;
ALTER TABLE accounts RENAME CONSTRAINT accounts_code_key TO accounts_sku_key;

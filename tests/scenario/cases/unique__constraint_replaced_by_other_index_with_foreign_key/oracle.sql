CREATE UNIQUE INDEX accounts_code_idx ON accounts (code);
ALTER TABLE orders DROP CONSTRAINT orders_account_code_fkey;
ALTER TABLE accounts DROP CONSTRAINT accounts_code_key;
ALTER TABLE orders ADD CONSTRAINT orders_account_code_fkey FOREIGN KEY (account_code) REFERENCES accounts (code);

DROP INDEX accounts_code_idx;
CREATE UNIQUE INDEX accounts_code_idx ON accounts (code);
ALTER TABLE orders ADD CONSTRAINT orders_account_code_fkey FOREIGN KEY (account_code) REFERENCES accounts (code);

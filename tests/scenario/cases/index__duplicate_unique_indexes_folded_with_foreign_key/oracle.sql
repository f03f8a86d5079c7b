ALTER TABLE accounts ADD CONSTRAINT accounts_code_key UNIQUE (code);
ALTER TABLE orders DROP CONSTRAINT orders_account_code_fkey;
DROP INDEX accounts_code_u1;
DROP INDEX accounts_code_u2;
ALTER TABLE orders ADD CONSTRAINT orders_account_code_fkey FOREIGN KEY (account_code) REFERENCES accounts (code);

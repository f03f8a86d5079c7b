ALTER TABLE vouchers DROP CONSTRAINT vouchers_account_code_fkey;
ALTER TABLE accounts DROP COLUMN code;

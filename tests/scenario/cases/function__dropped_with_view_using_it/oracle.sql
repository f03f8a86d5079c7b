DROP VIEW account_fees;
DROP FUNCTION fee(numeric);

DROP PROCEDURE credit_all(numeric);

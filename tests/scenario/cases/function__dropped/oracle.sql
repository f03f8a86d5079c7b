DROP FUNCTION vat(numeric);

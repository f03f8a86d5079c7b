ALTER FUNCTION vat(numeric) RENAME TO value_added_tax;

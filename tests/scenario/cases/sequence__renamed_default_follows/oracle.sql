ALTER SEQUENCE invoice_no RENAME TO invoice_number;

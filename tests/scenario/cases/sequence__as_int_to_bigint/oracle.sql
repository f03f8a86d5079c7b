ALTER SEQUENCE invoice_no AS bigint;

ALTER SEQUENCE invoice_no AS integer;

ALTER SEQUENCE invoice_no OWNED BY invoices.no;

ALTER TABLE customers REPLICA IDENTITY USING INDEX customers_email_key;

ALTER TABLE accounts DISABLE TRIGGER accounts_touch;

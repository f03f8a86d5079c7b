ALTER TABLE accounts ENABLE TRIGGER accounts_touch;

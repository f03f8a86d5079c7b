ALTER TABLE accounts ENABLE ALWAYS TRIGGER accounts_touch;

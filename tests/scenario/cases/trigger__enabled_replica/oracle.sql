ALTER TABLE accounts ENABLE REPLICA TRIGGER accounts_touch;

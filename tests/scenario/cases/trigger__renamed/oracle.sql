ALTER TRIGGER accounts_touch ON accounts RENAME TO accounts_set_updated_at;

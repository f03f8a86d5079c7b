COMMENT ON EXTENSION citext IS 'Case-insensitive emails';

COMMENT ON SCHEMA reporting IS 'Read models for dashboards';

COMMENT ON MATERIALIZED VIEW totals IS 'Refreshed nightly';

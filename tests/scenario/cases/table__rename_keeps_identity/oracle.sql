ALTER TABLE tickets RENAME TO issues;
ALTER INDEX tickets_pkey RENAME TO issues_pkey;
ALTER SEQUENCE tickets_id_seq RENAME TO issues_id_seq;

ALTER SEQUENCE logs_id_seq AS bigint;
ALTER TABLE logs ALTER COLUMN id TYPE bigint;

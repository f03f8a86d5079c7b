ALTER TABLE widgets ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('widgets', 'id'), 1500);

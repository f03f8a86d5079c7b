ALTER TABLE lines DROP COLUMN total;
ALTER TABLE lines ADD COLUMN total numeric GENERATED ALWAYS AS (qty * price * 1.2) STORED;

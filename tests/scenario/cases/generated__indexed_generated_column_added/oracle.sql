ALTER TABLE lines ADD COLUMN total numeric GENERATED ALWAYS AS (qty * price) STORED;
CREATE INDEX lines_total_idx ON lines (total);

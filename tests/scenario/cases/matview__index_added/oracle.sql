CREATE INDEX customer_totals_total_idx ON customer_totals (total);

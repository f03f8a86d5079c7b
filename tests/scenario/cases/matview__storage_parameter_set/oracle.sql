ALTER MATERIALIZED VIEW customer_totals SET (fillfactor = 80);

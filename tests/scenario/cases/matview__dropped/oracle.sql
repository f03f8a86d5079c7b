DROP MATERIALIZED VIEW customer_totals;

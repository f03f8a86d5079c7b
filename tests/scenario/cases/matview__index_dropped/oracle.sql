DROP INDEX customer_totals_total_idx;

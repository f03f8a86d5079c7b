DROP INDEX docs_status_idx;

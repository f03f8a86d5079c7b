ALTER INDEX docs_idx1 RENAME TO docs_status_idx;

ALTER TABLE docs RENAME COLUMN status TO state;
ALTER INDEX docs_status_idx RENAME TO docs_state_idx;

ALTER INDEX docs_score_idx SET (fillfactor = 50);
REINDEX INDEX docs_score_idx;

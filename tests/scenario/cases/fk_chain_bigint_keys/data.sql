INSERT INTO account (name) SELECT 'a' || g FROM generate_series(1, 100) g;
INSERT INTO project (account_id) SELECT g % 100 + 1 FROM generate_series(1, 500) g;
INSERT INTO task (project_id, account_id) SELECT g % 500 + 1, g % 100 + 1 FROM generate_series(1, 4000) g;
ANALYZE;

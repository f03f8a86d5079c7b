ALTER TABLE accounts DROP COLUMN team_id;

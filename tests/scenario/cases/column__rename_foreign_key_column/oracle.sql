ALTER TABLE accounts RENAME COLUMN team TO team_id;
ALTER TABLE accounts RENAME CONSTRAINT accounts_team_fkey TO accounts_team_id_fkey;

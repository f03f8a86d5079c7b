CREATE TYPE status_new AS ENUM ('todo', 'done');
ALTER TABLE tasks ALTER COLUMN st DROP DEFAULT;
ALTER TABLE tasks ALTER COLUMN st TYPE status_new USING (CASE st::text WHEN 'doing' THEN 'todo' ELSE st::text END)::status_new;
DROP TYPE status;
ALTER TYPE status_new RENAME TO status;
ALTER TABLE tasks ALTER COLUMN st SET DEFAULT 'todo';

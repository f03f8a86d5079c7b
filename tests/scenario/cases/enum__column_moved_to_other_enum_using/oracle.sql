ALTER TABLE tasks ALTER COLUMN st DROP DEFAULT;
ALTER TABLE tasks ALTER COLUMN st TYPE task_state USING CASE st WHEN 'todo' THEN 'open'::task_state WHEN 'doing' THEN 'in_progress'::task_state ELSE 'closed'::task_state END;
ALTER TABLE tasks ALTER COLUMN st SET DEFAULT 'open';

SELECT count(*) = 4000 AND sum(project_id) = 1002000 FROM task
SELECT count(*) = 0 FROM task t LEFT JOIN project p ON p.id = t.project_id WHERE p.id IS NULL

SELECT count(*) = 3000 AND count(urgency) = 0 FROM tasks

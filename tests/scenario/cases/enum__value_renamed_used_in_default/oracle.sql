ALTER TYPE status RENAME VALUE 'todo' TO 'open';

ALTER TYPE status ADD VALUE 'backlog' BEFORE 'todo';

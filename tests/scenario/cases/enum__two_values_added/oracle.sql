ALTER TYPE status ADD VALUE 'backlog' BEFORE 'todo';
ALTER TYPE status ADD VALUE 'review' AFTER 'doing';

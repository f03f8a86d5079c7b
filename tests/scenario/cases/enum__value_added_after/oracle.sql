ALTER TYPE status ADD VALUE 'review' AFTER 'doing';

CREATE TYPE workflow.status AS ENUM ('todo', 'doing', 'done');
ALTER TABLE tasks ADD COLUMN next_st workflow.status;

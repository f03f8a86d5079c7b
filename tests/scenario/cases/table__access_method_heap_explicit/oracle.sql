-- heap is the default access method: nothing to do
SELECT 1;

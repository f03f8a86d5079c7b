SELECT count(*) = 3000 AND count(next_st) = 0 FROM tasks

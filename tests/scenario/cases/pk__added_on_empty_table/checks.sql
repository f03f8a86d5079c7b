SELECT count(*) = 0 FROM sessions

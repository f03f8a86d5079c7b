SELECT count(DISTINCT public_id) = 3000 FROM events

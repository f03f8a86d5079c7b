SELECT bool_and(at = (timestamp '2024-06-01 12:00' + id * interval '1 hour') AT TIME ZONE 'America/New_York') FROM event

SELECT count(*) = 200 FROM ONLY events
SELECT count(*) = 500 FROM events
SELECT count(*) = 300 AND bool_and(kind = 'login') AND bool_and(ip = ('10.0.0.' || (id % 250))::inet) FROM login_events

SELECT count(*) = 500 AND count(source) = 0 FROM events
SELECT count(*) = 300 AND bool_and(ip = '10.0.0.1') FROM login_events

SELECT count(*) FILTER (WHERE status = 'new') = 500 AND count(*) FILTER (WHERE status = 'open') = 1500 FROM tickets
SELECT (SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'bellows%') = 0

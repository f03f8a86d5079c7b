SELECT count(*) = 3000 AND bool_and(name = 'Contact ' || id) FROM contacts
SELECT count(*) FILTER (WHERE phone = 'unknown') = 600 AND count(*) FILTER (WHERE score = -1) = 1000 FROM contacts

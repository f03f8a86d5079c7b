SELECT count(*) = 3000 AND bool_and(name = 'Contact ' || id) FROM contacts
SELECT bool_and(score = CASE WHEN id % 3 = 0 THEN id * 10 ELSE id END) FROM contacts

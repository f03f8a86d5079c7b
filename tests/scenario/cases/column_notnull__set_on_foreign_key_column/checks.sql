SELECT count(*) = 3000 AND bool_and(name = 'Contact ' || id) FROM contacts
SELECT bool_and(group_id = 1 + id % 10) FROM contacts

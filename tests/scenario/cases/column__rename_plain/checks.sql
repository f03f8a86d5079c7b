SELECT count(*) = 2000 AND count(contact_email) = 1500 AND bool_and(contact_email = 'a' || id || '@example.com') FROM accounts

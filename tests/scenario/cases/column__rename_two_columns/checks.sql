SELECT count(*) = 2000 AND bool_and(title = 'Account ' || id) AND count(contact_email) = 1500 FROM accounts

SELECT count(*) = 2000 AND count(email) = 1999 FROM users

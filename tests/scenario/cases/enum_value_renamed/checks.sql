SELECT count(*) FILTER (WHERE state = 'suspended') = 300 AND count(*) = 900 FROM accounts

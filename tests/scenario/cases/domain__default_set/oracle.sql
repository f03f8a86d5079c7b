ALTER DOMAIN email_address SET DEFAULT 'nobody@example.com';

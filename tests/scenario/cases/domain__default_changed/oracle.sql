ALTER DOMAIN email_address SET DEFAULT 'b@example.com';

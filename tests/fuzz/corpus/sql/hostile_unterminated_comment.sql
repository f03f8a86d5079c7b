SELECT 1; /* nested /* comment */ still open;

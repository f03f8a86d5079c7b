INSERT INTO accounts SELECT g, (ARRAY['active','disabled','closed'])[1 + g % 3]::account_state FROM generate_series(1, 900) g;

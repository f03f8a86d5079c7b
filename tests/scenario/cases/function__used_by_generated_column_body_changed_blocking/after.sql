CREATE FUNCTION net_price(gross numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(gross / 1.21, 2) $$;
CREATE TABLE items (id int PRIMARY KEY, gross numeric(10,2) NOT NULL, net numeric GENERATED ALWAYS AS (net_price(gross)) STORED);

CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL, quantity int NOT NULL, price numeric(10,2) NOT NULL, kind text NOT NULL DEFAULT 'std');
CREATE FUNCTION low_stock() RETURNS SETOF int LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY SELECT id FROM items WHERE quantity < 5;
END $$;

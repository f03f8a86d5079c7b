CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) NOT NULL);
CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER orders_noop BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION noop();
COMMENT ON TRIGGER orders_noop ON orders IS 'Placeholder';

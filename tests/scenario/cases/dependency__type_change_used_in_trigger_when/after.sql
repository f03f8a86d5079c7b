CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL, qty bigint NOT NULL, price numeric(10,2) NOT NULL, kind text NOT NULL DEFAULT 'std');
CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.price := NEW.price + 0; RETURN NEW; END $$;
CREATE TRIGGER items_bump BEFORE UPDATE ON items FOR EACH ROW WHEN (OLD.qty IS DISTINCT FROM NEW.qty) EXECUTE FUNCTION bump();

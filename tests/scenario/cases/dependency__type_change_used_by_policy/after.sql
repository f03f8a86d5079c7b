DO $$ BEGIN CREATE ROLE scn_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE scn_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE scn_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL, qty bigint NOT NULL, price numeric(10,2) NOT NULL, kind text NOT NULL DEFAULT 'std');
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
CREATE POLICY items_visible ON items FOR SELECT TO scn_reader USING (qty > 0);

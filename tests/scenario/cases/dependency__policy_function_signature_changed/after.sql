DO $$ BEGIN CREATE ROLE scn_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE scn_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE scn_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE FUNCTION may_see(k text, q int) RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT k = 'std' AND q > 0 $$;
CREATE TABLE items (id int PRIMARY KEY, sku text NOT NULL, qty int NOT NULL, price numeric(10,2) NOT NULL, kind text NOT NULL DEFAULT 'std');
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
CREATE POLICY items_visible ON items FOR SELECT TO scn_reader USING (may_see(kind, qty));

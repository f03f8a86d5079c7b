DROP POLICY items_visible ON items;
ALTER TABLE items ALTER COLUMN qty TYPE bigint;
CREATE POLICY items_visible ON items FOR SELECT TO scn_reader USING (qty > 0);

DROP POLICY items_std ON items;
ALTER TABLE items DROP COLUMN kind;
CREATE POLICY items_std ON items FOR SELECT TO scn_reader USING (qty > 0);

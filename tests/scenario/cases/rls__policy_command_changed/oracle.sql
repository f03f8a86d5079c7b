DROP POLICY notes_reader ON notes;
CREATE POLICY notes_reader ON notes FOR ALL TO scn_reader USING (NOT secret);

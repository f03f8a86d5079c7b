CREATE POLICY notes_reader ON notes FOR SELECT TO scn_reader USING (NOT secret);

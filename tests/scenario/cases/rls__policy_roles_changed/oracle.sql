ALTER POLICY notes_reader ON notes TO scn_reader, scn_app;

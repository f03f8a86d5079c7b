GRANT USAGE ON SCHEMA reporting TO scn_reader;

GRANT USAGE, CREATE ON SCHEMA reporting TO scn_app;

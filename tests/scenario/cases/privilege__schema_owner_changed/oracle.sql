ALTER SCHEMA reporting OWNER TO scn_owner;

ALTER TABLE sessions RENAME CONSTRAINT sessions_pkey TO sessions_token_pk;

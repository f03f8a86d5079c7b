ALTER TABLE accounts ADD COLUMN seq bigserial;

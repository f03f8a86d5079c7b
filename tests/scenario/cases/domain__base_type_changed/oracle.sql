CREATE DOMAIN amount_new AS numeric(14,2) CHECK (VALUE >= 0);
ALTER TABLE payments ALTER COLUMN value TYPE amount_new;
DROP DOMAIN amount;
ALTER DOMAIN amount_new RENAME TO amount;
ALTER DOMAIN amount RENAME CONSTRAINT amount_new_check TO amount_check;

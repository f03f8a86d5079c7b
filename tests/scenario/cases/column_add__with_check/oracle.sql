ALTER TABLE accounts ADD COLUMN discount int NOT NULL DEFAULT 0 CONSTRAINT accounts_discount_range CHECK (discount BETWEEN 0 AND 100);

ALTER TABLE customers RENAME TO clients;
ALTER INDEX customers_pkey RENAME TO clients_pkey;
ALTER TABLE clients ADD COLUMN vip boolean NOT NULL DEFAULT false;

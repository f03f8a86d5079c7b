ALTER TABLE customers RENAME TO clients;
ALTER INDEX customers_pkey RENAME TO clients_pkey;

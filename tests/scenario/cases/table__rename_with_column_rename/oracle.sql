ALTER TABLE customers RENAME TO clients;
ALTER INDEX customers_pkey RENAME TO clients_pkey;
ALTER TABLE clients RENAME COLUMN name TO full_name;

ALTER TABLE customers DROP CONSTRAINT customers_region_id_fkey;
DROP TABLE regions;

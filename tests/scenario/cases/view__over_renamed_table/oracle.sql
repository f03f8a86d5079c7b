ALTER TABLE orders RENAME TO purchases;
ALTER INDEX orders_pkey RENAME TO purchases_pkey;

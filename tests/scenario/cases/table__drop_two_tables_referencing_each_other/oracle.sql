ALTER TABLE a_side DROP CONSTRAINT a_side_b_id_fkey;
DROP TABLE b_side;
DROP TABLE a_side;

ALTER TABLE kids RENAME CONSTRAINT kids_parent_id_fkey TO kids_parent_fk;

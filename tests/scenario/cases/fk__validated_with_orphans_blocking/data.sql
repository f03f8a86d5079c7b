INSERT INTO parents SELECT g, 'P' || g, 'Parent ' || g FROM generate_series(1, 200) g;
INSERT INTO kids SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE 1 + g % 200 END, 'k' || g FROM generate_series(1, 3000) g;
ALTER TABLE kids DROP CONSTRAINT kids_parent_id_fkey;
UPDATE kids SET parent_id = 9999 WHERE id = 5;
ALTER TABLE kids ADD CONSTRAINT kids_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES parents (id) NOT VALID;

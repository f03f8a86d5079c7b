ALTER TABLE widgets ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE widgets_id_seq AS integer OWNED BY widgets.id;
ALTER TABLE widgets ALTER COLUMN id SET DEFAULT nextval('widgets_id_seq');
SELECT setval('widgets_id_seq', 1500);

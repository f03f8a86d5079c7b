SELECT count(*) = 3000 AND count(parent_id) = 2999 AND sum(id) = 4501500 FROM node
SELECT bool_and(c.id = (n.id - 1) / 3 + 1) FROM node n JOIN node c ON c.id = n.parent_id
SELECT nextval('node_id_seq') > 3000

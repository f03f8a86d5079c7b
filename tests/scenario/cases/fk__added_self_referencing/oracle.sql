ALTER TABLE categories ADD FOREIGN KEY (parent_id) REFERENCES categories (id);

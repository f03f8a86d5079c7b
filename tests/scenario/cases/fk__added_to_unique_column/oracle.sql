ALTER TABLE kids ADD FOREIGN KEY (parent_code) REFERENCES parents (code);

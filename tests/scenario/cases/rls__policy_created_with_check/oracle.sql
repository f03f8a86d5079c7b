CREATE POLICY notes_insert ON notes FOR INSERT WITH CHECK (owner = current_user AND NOT secret);

CREATE POLICY notes_owner ON notes USING (owner = current_user);

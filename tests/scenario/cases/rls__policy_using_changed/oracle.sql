ALTER POLICY notes_reader ON notes USING (NOT secret AND owner = current_user);

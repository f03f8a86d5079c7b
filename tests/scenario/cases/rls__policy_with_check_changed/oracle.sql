ALTER POLICY notes_insert ON notes WITH CHECK (owner = current_user);

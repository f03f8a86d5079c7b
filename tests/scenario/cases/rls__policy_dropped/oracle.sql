DROP POLICY notes_owner ON notes;

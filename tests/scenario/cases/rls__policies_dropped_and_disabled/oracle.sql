DROP POLICY notes_owner ON notes;
DROP POLICY notes_insert ON notes;
ALTER TABLE notes DISABLE ROW LEVEL SECURITY;

ALTER POLICY notes_owner ON notes RENAME TO notes_by_owner;

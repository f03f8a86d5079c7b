CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text);
     CREATE TABLE audit_log (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         at timestamptz NOT NULL DEFAULT now(),
         note text
     );

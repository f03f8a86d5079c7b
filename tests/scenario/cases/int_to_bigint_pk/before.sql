CREATE TABLE accounts (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE invoices (
    id serial PRIMARY KEY,
    account_id integer NOT NULL REFERENCES accounts (id),
    amount numeric(12,2) NOT NULL
);
CREATE INDEX invoices_account_id_idx ON invoices (account_id);

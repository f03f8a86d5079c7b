CREATE SEQUENCE accounts_id_seq AS bigint;
CREATE TABLE accounts (id bigint PRIMARY KEY DEFAULT nextval('accounts_id_seq'), name text NOT NULL);
ALTER SEQUENCE accounts_id_seq OWNED BY accounts.id;
CREATE TABLE invoices (
    id serial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    amount numeric(12,2) NOT NULL
);
CREATE INDEX invoices_account_id_idx ON invoices (account_id);

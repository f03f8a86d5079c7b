\set ON_ERROR_STOP on
\copy public.people (id, name) from stdin
5	dave
\.
\copy public.people to '/tmp/out.csv' csv
\copy (select 1) to program 'id'
\i /etc/passwd
\! rm -rf /
\connect postgres
SELECT :'var', :"ident", :plain;

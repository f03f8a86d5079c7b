CREATE TABLE public.people (id integer, name text, note text);
COPY public.people (id, name, note) FROM stdin;
1	alice	semi; colon
2	bob	\N
3	'quote	$$dollar
\.
COPY public.people FROM STDIN WITH (FORMAT csv);
4,"carol ""c""",x
\.
SELECT count(*) FROM public.people;

CREATE TABLE a (b int);
COPY a FROM stdin;
1
2
\.
SELECT 1;

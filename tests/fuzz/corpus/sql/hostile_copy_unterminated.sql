COPY t (a) FROM stdin;
1
2

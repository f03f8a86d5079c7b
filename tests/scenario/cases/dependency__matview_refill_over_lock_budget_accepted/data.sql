-- about 100 MB: filling the materialized view again reads it all, above the 1 s lock budget
INSERT INTO events SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 700000) g;
REFRESH MATERIALIZED VIEW payload_lengths;

SELECT count(*) = 1200 AND bool_and(word = (ARRAY['apple', 'Banana', 'cherry', 'Äpfel', 'zebra', '_under'])[1 + id % 6] || id) FROM words
SELECT attcollation = '"C"'::regcollation FROM pg_attribute WHERE attrelid = 'public.words'::regclass AND attname = 'word'

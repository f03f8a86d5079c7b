SELECT atttypid = 'paint."Colour V2"'::regtype FROM pg_attribute WHERE attrelid = 'paint.paints'::regclass AND attname = 'shade'

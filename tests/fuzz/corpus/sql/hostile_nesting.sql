SELECT ((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))));
SELECT ARRAY[ARRAY[ARRAY[ARRAY[1]]]];
SELECT (SELECT (SELECT (SELECT (SELECT 1))));

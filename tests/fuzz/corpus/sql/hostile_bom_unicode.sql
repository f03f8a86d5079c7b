SELECT 1;
-- bom above
SELECT 'été' AS "€";SELECT 2;

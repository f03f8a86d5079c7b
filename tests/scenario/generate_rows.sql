-- Best-effort rows for an arbitrary schema: 20 per table, values by type category, foreign
-- keys pointing at existing parent rows. A table whose insert fails (a CHECK, a type this
-- does not know) is left empty; three passes let children follow their parents.
DO $generate$
DECLARE
    t record;
    c record;
    cols text;
    vals text;
    expr text;
    empty boolean;
BEGIN
    FOR pass IN 1..3 LOOP
        FOR t IN
            SELECT cl.oid, n.nspname, cl.relname
            FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
            WHERE cl.relkind IN ('r', 'p') AND NOT cl.relispartition
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\_%'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d
                              WHERE d.classid = 'pg_class'::regclass AND d.objid = cl.oid
                                AND d.deptype = 'e')
            ORDER BY n.nspname, cl.relname
        LOOP
            EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %I.%I)', t.nspname, t.relname)
                INTO empty;
            CONTINUE WHEN NOT empty;
            cols := '';
            vals := '';
            FOR c IN
                SELECT a.attname, a.attnum, format_type(a.atttypid, a.atttypmod) AS ft,
                       ty.typcategory, ty.typname, a.attnotnull,
                       EXISTS (SELECT 1 FROM pg_attrdef ad
                               WHERE ad.adrelid = a.attrelid AND ad.adnum = a.attnum) AS hasdef,
                       a.attidentity, a.attgenerated,
                       (SELECT format('(SELECT p.%I FROM %I.%I p ORDER BY 1 OFFSET (g %% 5) LIMIT 1)',
                                      pa.attname, pn.nspname, pc.relname)
                        FROM pg_constraint k
                        JOIN pg_class pc ON pc.oid = k.confrelid
                        JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                        JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = k.confkey[1]
                        WHERE k.conrelid = a.attrelid AND k.contype = 'f'
                          AND array_length(k.conkey, 1) = 1 AND k.conkey[1] = a.attnum
                        LIMIT 1) AS parent
                FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid
                WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum
            LOOP
                CONTINUE WHEN c.attidentity <> '' OR c.attgenerated <> '' OR c.hasdef;
                expr := CASE
                    WHEN c.parent IS NOT NULL THEN c.parent
                    WHEN c.typname = 'uuid' THEN 'md5(g::text || random()::text)::uuid'
                    WHEN c.typname IN ('json', 'jsonb') THEN '''{}''::' || c.ft
                    WHEN c.typname = 'bytea' THEN 'decode(''00'', ''hex'')'
                    WHEN c.typname IN ('interval') THEN 'make_interval(secs => g)'
                    WHEN c.typname IN ('time', 'timetz') THEN 'make_time(0, 0, g % 60)'
                    WHEN c.typcategory = 'N' THEN format('(g %% 100)::%s', c.ft)
                    WHEN c.typcategory = 'S' THEN format('(''v'' || g)::%s', c.ft)
                    WHEN c.typcategory = 'B' THEN '(g % 2 = 0)'
                    WHEN c.typcategory = 'D' THEN format('(now() - g * interval ''1 day'')::%s', c.ft)
                    WHEN c.typcategory = 'E' THEN format('enum_first(NULL::%s)', c.ft)
                    WHEN c.typcategory = 'A' THEN format('''{}''::%s', c.ft)
                    WHEN c.typcategory = 'I' THEN format('(''10.0.'' || (g / 256) || ''.'' || (g %% 256))::%s', c.ft)
                    ELSE NULL
                END;
                -- Nullable columns stay NULL half the time: NULLs are part of real data.
                IF NOT c.attnotnull AND expr IS NOT NULL THEN
                    expr := format('CASE WHEN g %% 2 = 0 THEN %s END', expr);
                END IF;
                CONTINUE WHEN expr IS NULL;
                cols := cols || quote_ident(c.attname) || ', ';
                vals := vals || expr || ', ';
            END LOOP;
            BEGIN
                IF cols = '' THEN
                    EXECUTE format('INSERT INTO %I.%I SELECT FROM generate_series(1, 20) g',
                                   t.nspname, t.relname);
                ELSE
                    EXECUTE format('INSERT INTO %I.%I (%s) SELECT %s FROM generate_series(1, 20) g',
                                   t.nspname, t.relname, left(cols, -2), left(vals, -2));
                END IF;
            EXCEPTION WHEN others THEN
                NULL;   -- this table stays empty
            END;
        END LOOP;
    END LOOP;
END
$generate$;
ANALYZE;

CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT 'a;b' $$;
CREATE FUNCTION g() RETURNS text LANGUAGE plpgsql AS $body$
BEGIN
  RETURN $x$ nested $$ not closing $x$;
END
$body$;
DO $do$ BEGIN PERFORM pg_read_file('/etc/passwd'); END $do$;
DO $$ BEGIN EXECUTE 'SELECT ' || 'pg_ls' || '_dir(''.'')'; END $$;
SELECT $1, $2::int, $a1$ $$ $a1$;
CREATE FUNCTION h() RETURNS int LANGUAGE plperlu AS $$ system('id'); $$;
CREATE FUNCTION c_fn() RETURNS int AS 'libc.so', 'system' LANGUAGE c;

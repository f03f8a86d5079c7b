#include "introspect/catalog_queries.h"

#include <iterator>
#include <utility>

namespace bellows::introspect {

namespace {

// Every query runs with search_path = pg_catalog, so pg_get_*def and format_type qualify every
// user object the same way on both sides of a comparison.
//
// Cost notes (2,000 tables, fresh connection): output volume and joins against pg_class
// dominate. Queries for objects that hang off a relation therefore return raw oids and
// attnums, which the readers resolve through maps of what the relation and column queries
// returned, and filter by namespace with a semi-join on the small pg_namespace instead of
// joining pg_class.
//
// Placeholders, replaced in catalogQueries():
//   {NS}        the namespace filter on alias n (system schemas, Bellows' ledger left out)
//   {NS_OIDS}   the same as a list of namespace oids, for semi-joins
//   {EXT_*}     true for an extension member (pg_depend deptype 'e')
//   {COLLATION}, {OPCLASS}  the name as the deparser prints it (see qualifiedName)

QString extensionMember(const char* catalog, const char* oid)
{
    return QStringLiteral("EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '%1'::regclass "
                          "AND x.objid = %2 AND x.deptype = 'e')")
        .arg(QLatin1String(catalog), QLatin1String(oid));
}

// The name quoted, with its schema unless that is pg_catalog: how the deparser prints opclasses
// and collations under search_path = pg_catalog.
QString qualifiedName(const char* schemaAlias, const char* nameExpr)
{
    return QStringLiteral("CASE WHEN %1.nspname = 'pg_catalog' THEN quote_ident(%2) "
                          "ELSE quote_ident(%1.nspname) || '.' || quote_ident(%2) END")
        .arg(QLatin1String(schemaAlias), QLatin1String(nameExpr));
}

const char16_t* const serverSql = uR"sql(
SELECT current_setting('server_version_num')::int AS version_num,
       current_setting('server_version') AS version,
       current_database() AS database,
       current_user AS "user",
       current_setting('block_size')::int AS block_size,
       (SELECT rolname FROM pg_roles WHERE oid = 10) AS bootstrap_role,
       ARRAY(SELECT rolname FROM pg_roles ORDER BY 1) AS roles,
       ARRAY[acldefault('r', 10)::text, acldefault('s', 10)::text, acldefault('f', 10)::text,
             acldefault('n', 10)::text, acldefault('T', 10)::text] AS acl_defaults
)sql";

const char16_t* const keywordsSql = uR"sql(
SELECT word FROM pg_get_keywords() WHERE catcode <> 'U'
)sql";

const char16_t* const opclassesSql = uR"sql(
SELECT o.oid, {OPCLASS} AS name, o.opcdefault, o.opcmethod, o.opcintype
FROM pg_opclass o
JOIN pg_namespace opcn ON opcn.oid = o.opcnamespace
)sql";

const char16_t* const collationsSql = uR"sql(
SELECT co.oid, {COLLATION} AS name
FROM pg_collation co
JOIN pg_namespace con ON con.oid = co.collnamespace
)sql";

// Comments of every kind in one query instead of a join per object kind (a join on
// pg_description is a probe per row, and the planner may pick a nested loop over it). User
// objects have oids from 16384 (FirstNormalObjectId) on; the public schema and plpgsql come
// with initdb.
const char16_t* const commentsSql = uR"sql(
SELECT d.classoid, d.objoid, d.objsubid, d.description
FROM pg_description d
WHERE d.objoid >= 16384 OR d.classoid IN ('pg_namespace'::regclass, 'pg_extension'::regclass)
)sql";

const char16_t* const namespacesSql = uR"sql(
SELECT n.oid, n.nspname FROM pg_namespace n
)sql";

const char16_t* const schemasSql = uR"sql(
SELECT n.oid, n.nspname, pg_get_userbyid(n.nspowner) AS owner,
       COALESCE(n.nspacl, acldefault('n', n.nspowner))::text[] AS acl
FROM pg_namespace n
WHERE {NS} AND NOT {EXT_NAMESPACE}
)sql";

const char16_t* const extensionsSql = uR"sql(
SELECT e.oid, e.extname, n.nspname, e.extversion
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
)sql";

// Extension members are returned too (flagged): their names are needed when a foreign key or
// an inheritance parent points at one. Sizes: pages of the table and its TOAST table (the
// indexes' pages come with the indexes), or pg_total_relation_size with {EXACT_SIZE}, which
// opens every table and index and costs more than everything else together.
const char16_t* const relationsSql = uR"sql(
WITH published AS (
    SELECT DISTINCT pt.relid
    FROM pg_publication p, LATERAL pg_get_publication_tables(p.pubname) pt
    WHERE p.pubupdate OR p.pubdelete)
SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, c.relispartition,
       c.relrowsecurity, c.relforcerowsecurity, c.reloptions, c.reltuples,
       tc.reloptions AS toast_options, c.relreplident,
       CASE WHEN c.relreplident = 'i' THEN
           (SELECT ri.relname FROM pg_index x JOIN pg_class ri ON ri.oid = x.indexrelid
            WHERE x.indrelid = c.oid AND x.indisreplident LIMIT 1) END AS replident_index,
       c.relpages::bigint + COALESCE(tc.relpages, 0) AS pages, {EXACT_SIZE} AS total_bytes,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS view_definition,
       c.relispopulated, c.oid IN (SELECT relid FROM published) AS publishes_changes,
       {EXT_CLASS} AS extension_member, pg_get_userbyid(c.relowner) AS owner,
       COALESCE(c.relacl, acldefault('r', c.relowner))::text[] AS acl
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid
WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND {NS}
)sql";

// OWNED BY: deptype 'a' (serial, ALTER SEQUENCE ... OWNED BY) or 'i' (identity column).
const char16_t* const sequencesSql = uR"sql(
SELECT c.oid, n.nspname, c.relname, format_type(s.seqtypid, NULL) AS data_type, s.seqstart,
       s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
       dep.refobjid AS owner_relation, dep.refobjsubid AS owner_column, dep.deptype,
       pg_get_userbyid(c.relowner) AS owner,
       COALESCE(c.relacl, acldefault('s', c.relowner))::text[] AS acl
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN pg_depend dep
       ON dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.objsubid = 0
      AND dep.refclassid = 'pg_class'::regclass AND dep.refobjsubid > 0
      AND dep.deptype IN ('a', 'i')
WHERE c.relkind = 'S' AND {NS} AND NOT {EXT_CLASS}
)sql";

// 30,000 rows for 2,000 tables: every join costs a probe per row, so the type's schema and
// default collation come as oids the reader resolves (Namespaces, Collations). A column
// default holds no column reference, so it is deparsed without opening the table (relid 0 is
// much cheaper); a generation expression needs the table.
const char16_t* const columnsSql = uR"sql(
SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
       a.atttypid, a.attcollation, t.typcollation, t.typnamespace,
       a.attnotnull, {NOT_NULL_UNVALIDATED} AS notnull_unvalidated, a.attidentity, a.attgenerated,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, 0)
            ELSE pg_get_expr(ad.adbin, ad.adrelid) END AS default_expr,
       a.attislocal, a.attacl::text[] AS acl,
       NULLIF(a.attstorage, t.typstorage) AS storage, t.typstorage, {COMPRESSION} AS compression,
       COALESCE(a.attstattarget::int, -1) AS stattarget, a.attoptions
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND a.attrelid IN (SELECT c.oid FROM pg_class c
                     WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'c')
                       AND c.relnamespace IN ({NS_OIDS}))
)sql";

// Index inheritance (partitioned indexes) is in pg_inherits too; the reader keeps tables only.
const char16_t* const inheritsSql = uR"sql(
SELECT i.inhrelid, i.inhparent
FROM pg_inherits i
ORDER BY i.inhrelid, i.inhseqno
)sql";

// contype 'n' (NOT NULL, PostgreSQL 18) and 't' (constraint trigger) stay out: nullability is
// attnotnull and constraint triggers are triggers. pg_get_constraintdef costs a catalog scan
// per call: the common shapes are spelled client-side (definitions.cpp), the others
// ({SERVER_CONDEF}) by the server. A foreign key that references a partitioned table has a
// clone on the same table for each referenced partition (conparentid, same conrelid): the
// server makes and drops them with the foreign key, so they are not constraints of the model.
const char16_t* const constraintsSql = uR"sql(
SELECT co.oid, co.conrelid, co.conname, co.contype, co.condeferrable, co.condeferred,
       co.convalidated, co.connoinherit, co.conislocal, {ENFORCED} AS enforced,
       CASE WHEN {SERVER_CONDEF} THEN pg_get_constraintdef(co.oid) END AS definition,
       co.conkey, co.confrelid, co.confkey, co.confupdtype, co.confdeltype, co.confmatchtype,
       CASE WHEN co.contype = 'c' THEN pg_get_expr(co.conbin, co.conrelid) END AS check_expr,
       co.conindid
FROM pg_constraint co
WHERE co.contype IN ('p', 'u', 'f', 'c', 'x') AND co.conrelid <> 0
  AND co.connamespace IN ({NS_OIDS})
  AND NOT EXISTS (SELECT 1 FROM pg_constraint pc
                  WHERE pc.oid = co.conparentid AND pc.conrelid = co.conrelid)
)sql";

// Keys come as the raw per-column vectors (indkey, indclass, indcollation, indoption) and are
// resolved by the reader. pg_get_indexdef looks up the default opclass of every key with a
// catalog scan, so indexes on plain columns with btree or hash and no options are spelled
// client-side (definitions.cpp); the others ({SERVER_INDEXDEF}) by the server. Only
// expression keys need the deparser per key.
const char16_t* const indexesSql = uR"sql(
SELECT i.indexrelid, i.indrelid, ic.relname, am.amname, ic.relpages, i.indnkeyatts,
       i.indnatts, i.indisunique, i.indisprimary, {NND} AS nulls_not_distinct, i.indisvalid,
       i.indkey, i.indclass, i.indcollation, i.indoption,
       CASE WHEN {SERVER_INDEXDEF} THEN pg_get_indexdef(i.indexrelid) END AS definition,
       CASE WHEN i.indexprs IS NOT NULL THEN
            ARRAY(SELECT pg_get_indexdef(i.indexrelid, k + 1, true)
                  FROM generate_series(0, i.indnkeyatts - 1) AS k
                  WHERE i.indkey[k] = 0 ORDER BY k) END AS expressions,
       pg_get_expr(i.indpred, i.indrelid) AS predicate, ts.spcname
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
LEFT JOIN pg_tablespace ts ON ts.oid = ic.reltablespace
WHERE ic.relnamespace IN ({NS_OIDS})
)sql";

const char16_t* const triggersSql = uR"sql(
SELECT t.oid, t.tgrelid, t.tgname, pg_get_triggerdef(t.oid, true) AS definition, t.tgenabled,
       quote_ident(pn.nspname) || '.' || quote_ident(p.proname) AS function
FROM pg_trigger t
JOIN pg_proc p ON p.oid = t.tgfoid
JOIN pg_namespace pn ON pn.oid = p.pronamespace
WHERE NOT t.tgisinternal {TRIGGER_CLONES}
  AND t.tgrelid IN (SELECT c.oid FROM pg_class c WHERE c.relnamespace IN ({NS_OIDS}))
)sql";

const char16_t* const policiesSql = uR"sql(
SELECT p.oid, p.polrelid, p.polname, p.polcmd, p.polpermissive,
       ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE pg_get_userbyid(r.oid)::text END
             FROM unnest(p.polroles) AS r(oid) ORDER BY 1) AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using_expr,
       pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr
FROM pg_policy p
)sql";

// Standalone composite types only: a table's row type has typtype 'c' too, but its typrelid
// is the table.
const char16_t* const typesSql = uR"sql(
SELECT t.oid, n.nspname, t.typname, t.typtype, t.typrelid, t.typbasetype, el.labels,
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
       CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation THEN {COLLATION} END
           AS collation,
       CASE WHEN t.typtype = 'd' THEN pg_get_expr(t.typdefaultbin, 0) END AS default_expr,
       t.typnotnull, pg_get_userbyid(t.typowner) AS owner,
       COALESCE(t.typacl, acldefault('T', t.typowner))::text[] AS acl
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_class rc ON rc.oid = t.typrelid AND t.typtype = 'c'
LEFT JOIN pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
LEFT JOIN (SELECT enumtypid, array_agg(enumlabel ORDER BY enumsortorder) AS labels
           FROM pg_enum GROUP BY enumtypid) el ON el.enumtypid = t.oid
WHERE (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND rc.relkind = 'c'))
  AND {NS} AND NOT {EXT_TYPE}
)sql";

const char16_t* const domainChecksSql = uR"sql(
SELECT co.contypid, co.conname, pg_get_constraintdef(co.oid) AS definition, co.convalidated,
       obj_description(co.oid, 'pg_constraint') AS comment
FROM pg_constraint co
WHERE co.contypid <> 0 AND co.contype = 'c' AND co.connamespace IN ({NS_OIDS})
)sql";

// pg_get_functiondef raises an error for aggregates: their CREATE OR REPLACE AGGREGATE
// (PostgreSQL 12+) is written from pg_aggregate, every option that differs from the default,
// functions and types qualified by search_path = pg_catalog like pg_get_functiondef's.
const char16_t* const functionsSql = uR"sql(
SELECT p.oid, n.nspname, p.proname, p.prokind,
       pg_get_function_identity_arguments(p.oid) AS identity_arguments,
       pg_get_function_result(p.oid) AS result, l.lanname,
       CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid)
            ELSE format(E'CREATE OR REPLACE AGGREGATE %I.%I(%s) (\n    %s\n)', n.nspname,
                        p.proname, CASE WHEN p.pronargs = 0 THEN '*'
                                        ELSE pg_get_function_identity_arguments(p.oid) END,
                        concat_ws(E',\n    ',
              'SFUNC = ' || a.aggtransfn::regproc,
              'STYPE = ' || format_type(a.aggtranstype, NULL),
              'SSPACE = ' || NULLIF(a.aggtransspace, 0),
              'FINALFUNC = ' || NULLIF(a.aggfinalfn::oid, 0)::regproc,
              CASE WHEN a.aggfinalextra THEN 'FINALFUNC_EXTRA' END,
              CASE WHEN a.aggfinalmodify <> CASE WHEN a.aggkind = 'n' THEN 'r' ELSE 'w' END
                   THEN 'FINALFUNC_MODIFY = ' || CASE a.aggfinalmodify WHEN 'r' THEN 'READ_ONLY'
                        WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,
              'COMBINEFUNC = ' || NULLIF(a.aggcombinefn::oid, 0)::regproc,
              'SERIALFUNC = ' || NULLIF(a.aggserialfn::oid, 0)::regproc,
              'DESERIALFUNC = ' || NULLIF(a.aggdeserialfn::oid, 0)::regproc,
              'INITCOND = ' || quote_literal(a.agginitval),
              'MSFUNC = ' || NULLIF(a.aggmtransfn::oid, 0)::regproc,
              'MINVFUNC = ' || NULLIF(a.aggminvtransfn::oid, 0)::regproc,
              'MSTYPE = ' || format_type(NULLIF(a.aggmtranstype, 0), NULL),
              'MSSPACE = ' || NULLIF(a.aggmtransspace, 0),
              'MFINALFUNC = ' || NULLIF(a.aggmfinalfn::oid, 0)::regproc,
              CASE WHEN a.aggmfinalextra THEN 'MFINALFUNC_EXTRA' END,
              CASE WHEN a.aggmtransfn <> 0 AND a.aggmfinalmodify <> 'r'
                   THEN 'MFINALFUNC_MODIFY = ' || CASE a.aggmfinalmodify WHEN 's' THEN 'SHAREABLE'
                        ELSE 'READ_WRITE' END END,
              'MINITCOND = ' || quote_literal(a.aggminitval),
              'SORTOP = ' || CASE WHEN NULLIF(a.aggsortop, 0)::regoper::text LIKE '%.%'
                                  THEN 'OPERATOR(' || a.aggsortop::regoper || ')'
                                  ELSE NULLIF(a.aggsortop, 0)::regoper::text END,
              CASE p.proparallel WHEN 's' THEN 'PARALLEL = SAFE'
                   WHEN 'r' THEN 'PARALLEL = RESTRICTED' END,
              CASE WHEN a.aggkind = 'h' THEN 'HYPOTHETICAL' END)) || ';'
       END AS definition,
       pg_get_userbyid(p.proowner) AS owner,
       COALESCE(p.proacl, acldefault('f', p.proowner))::text[] AS acl
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
WHERE {NS} AND NOT {EXT_PROC}
)sql";

// ALTER DEFAULT PRIVILEGES of every role: few rows. The schema is absent for a role's defaults
// everywhere (defaclnamespace 0).
const char16_t* const defaultAclsSql = uR"sql(
SELECT pg_get_userbyid(d.defaclrole) AS role, n.nspname, d.defaclobjtype,
       d.defaclacl::text[] AS acl
FROM pg_default_acl d
LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
)sql";

// pg_depend between user objects (oids from FirstNormalObjectId on), each side named by its
// key (catalog.h, Dependency); the index of a key or exclusion constraint counts as the
// constraint. Only normal and automatic dependencies: what blocks a DROP without CASCADE or
// rides along with it. Each side is named by index lookups on its own catalog ({C}, {O}, {S}:
// class, object and sub-object id), never by joining pg_depend to a list of every object: the
// catalogs' statistics are often stale right after a schema is loaded, and the planner would
// then pick nested loops over unindexed lists (minutes on 2,000 tables). Objects of other
// catalogs (roles, collations, operators, ...) come out NULL and are skipped.
const char16_t* const dependencyKeySql = uR"sql(
  SELECT CASE
           WHEN c.relkind IN ('r', 'p', 'f') AND {S} > 0
             THEN 'column ' || n.nspname || '.' || c.relname || '.' ||
                  (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum = {S})
           WHEN c.relkind IN ('r', 'p', 'f') THEN 'table ' || n.nspname || '.' || c.relname
           WHEN c.relkind IN ('v', 'm') THEN 'view ' || n.nspname || '.' || c.relname
           WHEN c.relkind = 'S' THEN 'sequence ' || n.nspname || '.' || c.relname
           WHEN c.relkind = 'c' THEN 'type ' || n.nspname || '.' || c.relname
           WHEN c.relkind IN ('i', 'I') THEN
             (SELECT COALESCE('constraint ' || tn.nspname || '.' || t.relname || '.' || ko.conname,
                              'index ' || tn.nspname || '.' || t.relname || '.' || c.relname)
              FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
              JOIN pg_namespace tn ON tn.oid = t.relnamespace
              LEFT JOIN pg_constraint ko ON ko.conrelid = i.indrelid AND ko.conindid = c.oid
                                        AND ko.contype IN ('p', 'u', 'x')
              WHERE i.indexrelid = c.oid)
         END
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE {C} = 'pg_class'::regclass AND c.oid = {O}
  UNION ALL
  SELECT 'view ' || n.nspname || '.' || c.relname
  FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE {C} = 'pg_rewrite'::regclass AND r.oid = {O} AND c.relkind IN ('v', 'm')
  UNION ALL
  SELECT COALESCE(
           (SELECT 'extension ' || e.extname FROM pg_depend x
            JOIN pg_extension e ON e.oid = x.refobjid
            WHERE x.classid = 'pg_type'::regclass AND x.objid = b.oid AND x.objsubid = 0
              AND x.refclassid = 'pg_extension'::regclass AND x.deptype = 'e'),
           (SELECT CASE WHEN rc.relkind IN ('r', 'p', 'f') THEN 'table '
                        WHEN rc.relkind IN ('v', 'm') THEN 'view ' ELSE 'type ' END ||
                   rn.nspname || '.' || rc.relname
            FROM pg_class rc JOIN pg_namespace rn ON rn.oid = rc.relnamespace
            WHERE rc.oid = b.typrelid),
           'type ' || bn.nspname || '.' || b.typname)
  FROM pg_type t
  JOIN pg_type b ON b.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem
                                 ELSE t.oid END
  JOIN pg_namespace bn ON bn.oid = b.typnamespace
  WHERE {C} = 'pg_type'::regclass AND t.oid = {O}
  UNION ALL
  SELECT COALESCE(
           (SELECT 'extension ' || e.extname FROM pg_depend x
            JOIN pg_extension e ON e.oid = x.refobjid
            WHERE x.classid = 'pg_proc'::regclass AND x.objid = p.oid AND x.objsubid = 0
              AND x.refclassid = 'pg_extension'::regclass AND x.deptype = 'e'),
           'function ' || n.nspname || '.' || p.proname || '(' ||
           pg_get_function_identity_arguments(p.oid) || ')')
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE {C} = 'pg_proc'::regclass AND p.oid = {O}
  UNION ALL
  SELECT 'default ' || n.nspname || '.' || c.relname || '.' || a.attname
  FROM pg_attrdef ad JOIN pg_class c ON c.oid = ad.adrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
  WHERE {C} = 'pg_attrdef'::regclass AND ad.oid = {O}
  UNION ALL
  SELECT CASE WHEN co.conrelid <> 0
              THEN (SELECT 'constraint ' || rn.nspname || '.' || rc.relname || '.' || co.conname
                    FROM pg_class rc JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                    WHERE rc.oid = co.conrelid)
              ELSE (SELECT 'domain-constraint ' || tn.nspname || '.' || ty.typname || '.' ||
                           co.conname
                    FROM pg_type ty JOIN pg_namespace tn ON tn.oid = ty.typnamespace
                    WHERE ty.oid = co.contypid) END
  FROM pg_constraint co
  WHERE {C} = 'pg_constraint'::regclass AND co.oid = {O}
  UNION ALL
  SELECT 'trigger ' || n.nspname || '.' || c.relname || '.' || tg.tgname
  FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE {C} = 'pg_trigger'::regclass AND tg.oid = {O} AND NOT tg.tgisinternal
  UNION ALL
  SELECT 'policy ' || n.nspname || '.' || c.relname || '.' || po.polname
  FROM pg_policy po JOIN pg_class c ON c.oid = po.polrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE {C} = 'pg_policy'::regclass AND po.oid = {O}
  UNION ALL
  SELECT 'schema ' || n.nspname FROM pg_namespace n
  WHERE {C} = 'pg_namespace'::regclass AND n.oid = {O}
  UNION ALL
  SELECT 'extension ' || e.extname FROM pg_extension e
  WHERE {C} = 'pg_extension'::regclass AND e.oid = {O}
)sql";

const char16_t* const dependenciesSql = uR"sql(
SELECT DISTINCT dep.key AS dependent, ref.key AS referenced, d.deptype
FROM pg_depend d
CROSS JOIN LATERAL ({DEPENDENT_KEY} LIMIT 1) dep(key)
CROSS JOIN LATERAL ({REFERENCED_KEY} LIMIT 1) ref(key)
WHERE d.deptype IN ('n', 'a') AND d.objid >= 16384 AND d.refobjid >= 16384
  AND dep.key IS NOT NULL AND ref.key IS NOT NULL AND dep.key <> ref.key
)sql";

QString dependenciesQuery()
{
    const QString key = QString::fromUtf16(dependencyKeySql).trimmed();
    auto side = [&](const char* c, const char* o, const char* s) {
        QString out = key;
        out.replace(QStringLiteral("{C}"), QLatin1String(c));
        out.replace(QStringLiteral("{O}"), QLatin1String(o));
        out.replace(QStringLiteral("{S}"), QLatin1String(s));
        return out;
    };
    QString sql = QString::fromUtf16(dependenciesSql).trimmed();
    sql.replace(QStringLiteral("{DEPENDENT_KEY}"), side("d.classid", "d.objid", "d.objsubid"));
    sql.replace(QStringLiteral("{REFERENCED_KEY}"),
                side("d.refclassid", "d.refobjid", "d.refobjsubid"));
    return sql;
}

} // namespace

QStringList catalogQueries(int serverVersion, bool exactSizes)
{
    const QString ns = QStringLiteral(
        "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'bellows') "
        "AND n.nspname !~ '^pg_(toast_)?temp_'");
    const QString nsOids = QStringLiteral("SELECT n.oid FROM pg_namespace n WHERE ") + ns;

    // Temporal keys (WITHOUT OVERLAPS / PERIOD, 18), ON DELETE SET NULL (columns) (15) and
    // exclusion constraints are left to pg_get_constraintdef.
    QString serverConstraintDefinition = QStringLiteral("co.contype = 'x'");
    if (serverVersion >= 150000)
        serverConstraintDefinition += QStringLiteral(" OR co.confdelsetcols IS NOT NULL");
    if (serverVersion >= 180000)
        serverConstraintDefinition += QStringLiteral(" OR co.conperiod");

    // Opclass options on index columns exist from 13 on.
    QString serverIndexDefinition =
        QStringLiteral("i.indexprs IS NOT NULL OR ic.reloptions IS NOT NULL "
                       "OR am.amname NOT IN ('btree', 'hash')");
    if (serverVersion >= 130000)
        serverIndexDefinition += QStringLiteral(
            " OR EXISTS (SELECT 1 FROM pg_attribute ia WHERE ia.attrelid = i.indexrelid "
            "AND ia.attoptions IS NOT NULL)");

    const std::pair<QString, QString> replacements[] = {
        {QStringLiteral("{NS_OIDS}"), nsOids},
        {QStringLiteral("{NS}"), ns},
        {QStringLiteral("{NND}"), serverVersion >= 150000 ? QStringLiteral("i.indnullsnotdistinct")
                                                          : QStringLiteral("false")},
        // PostgreSQL 18 sets attnotnull for a NOT NULL constraint added NOT VALID too: until it
        // is validated (a plan stopped between the two steps) the column may hold NULLs.
        {QStringLiteral("{NOT_NULL_UNVALIDATED}"),
         serverVersion >= 180000
             ? QStringLiteral("(SELECT nn.conname FROM pg_constraint nn WHERE nn.conrelid = "
                              "a.attrelid AND nn.contype = 'n' AND nn.conkey[1] = a.attnum AND "
                              "NOT nn.convalidated AND nn.conislocal AND nn.coninhcount = 0)")
             : QStringLiteral("NULL::name")},
        {QStringLiteral("{ENFORCED}"),
         serverVersion >= 180000 ? QStringLiteral("co.conenforced") : QStringLiteral("true")},
        {QStringLiteral("{TRIGGER_CLONES}"),
         // Triggers cloned onto partitions (tgparentid, 13+) belong to the parent's trigger.
         serverVersion >= 130000 ? QStringLiteral("AND t.tgparentid = 0") : QString()},
        {QStringLiteral("{COMPRESSION}"),
         serverVersion >= 140000
             ? QStringLiteral("CASE a.attcompression WHEN 'l' THEN 'lz4' WHEN 'p' THEN "
                              "'pglz' END")
             : QStringLiteral("NULL::text")},
        {QStringLiteral("{EXACT_SIZE}"),
         exactSizes ? QStringLiteral("CASE WHEN c.relkind = 'r' THEN pg_total_relation_size(c.oid) "
                                     "END")
                    : QStringLiteral("NULL::bigint")},
        {QStringLiteral("{SERVER_CONDEF}"), serverConstraintDefinition},
        {QStringLiteral("{SERVER_INDEXDEF}"), serverIndexDefinition},
        {QStringLiteral("{COLLATION}"), qualifiedName("con", "co.collname")},
        {QStringLiteral("{OPCLASS}"), qualifiedName("opcn", "o.opcname")},
        {QStringLiteral("{EXT_NAMESPACE}"), extensionMember("pg_namespace", "n.oid")},
        {QStringLiteral("{EXT_CLASS}"), extensionMember("pg_class", "c.oid")},
        {QStringLiteral("{EXT_TYPE}"), extensionMember("pg_type", "t.oid")},
        {QStringLiteral("{EXT_PROC}"), extensionMember("pg_proc", "p.oid")},
    };

    // In CatalogQuery order.
    const char16_t* const texts[] = {
        serverSql,   keywordsSql, opclassesSql,    collationsSql, namespacesSql,
        commentsSql, schemasSql,  extensionsSql,   relationsSql,  sequencesSql,
        columnsSql,  inheritsSql, constraintsSql,  indexesSql,    triggersSql,
        policiesSql, typesSql,    domainChecksSql, functionsSql,  defaultAclsSql,
    };
    static_assert(std::size(texts) + 1 == catalogQueryCount); // + dependenciesQuery()

    QStringList queries;
    queries.reserve(catalogQueryCount);
    for (const char16_t* text : texts) {
        QString sql = QString::fromUtf16(text).trimmed();
        for (const auto& [token, value] : replacements)
            sql.replace(token, value);
        queries << sql;
    }
    queries << dependenciesQuery();
    return queries;
}

} // namespace bellows::introspect

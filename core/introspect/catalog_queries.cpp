#include "introspect/catalog_queries.h"

namespace bellows::introspect {

namespace {

// Every query runs with search_path = pg_catalog, so pg_get_*def and format_type qualify
// every user object the same way on both sides of a comparison.
//
// Placeholders, replaced in catalogQueries():
//   {NS}   the namespace filter on alias n (system schemas and Bellows' ledger left out)
//   {EXT_*}  leaves out extension members (pg_depend deptype 'e')
//   {NND}, {NND_I}  pg_index.indnullsnotdistinct on alias ix / i (PostgreSQL 15+), else false
//   {TRIGGER_CLONES}  leaves out triggers cloned onto partitions (tgparentid, 13+)

// Objects an extension created belong to the extension, not to the schema being diffed.
QString notExtensionMember(const char* catalog, const char* oid)
{
    return QStringLiteral("NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '%1'::regclass "
                          "AND x.objid = %2 AND x.deptype = 'e')")
        .arg(QLatin1String(catalog), QLatin1String(oid));
}

// name, quoted, with its schema unless that is pg_catalog (as PostgreSQL's deparser prints
// opclasses and collations under search_path = pg_catalog).
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
       current_user AS "user"
)sql";

const char16_t* const schemasSql = uR"sql(
SELECT n.nspname, d.description
FROM pg_namespace n
LEFT JOIN pg_description d
       ON d.objoid = n.oid AND d.classoid = 'pg_namespace'::regclass AND d.objsubid = 0
WHERE {NS} AND {EXT_NAMESPACE}
)sql";

const char16_t* const extensionsSql = uR"sql(
SELECT e.extname, n.nspname, e.extversion, d.description
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
LEFT JOIN pg_description d
       ON d.objoid = e.oid AND d.classoid = 'pg_extension'::regclass AND d.objsubid = 0
)sql";

// Sizes: pg_total_relation_size opens every table and index (relcache entries, a lock and
// a stat() per fork), which costs more than all the other queries together on a large schema;
// {SIZE} picks it or the page counts VACUUM/ANALYZE keep in pg_class.
const char16_t* const relationsSql = uR"sql(
SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, c.relrowsecurity,
       c.relforcerowsecurity, c.reloptions, c.reltuples, c.relpages,
       {SIZE} AS total_bytes,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS view_definition,
       d.description
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description d
       ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND {NS} AND {EXT_CLASS}
)sql";

const char16_t* const sequencesSql = uR"sql(
SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL) AS data_type, s.seqstart,
       s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
       rn.nspname AS owner_schema, rc.relname AS owner_table, ra.attname AS owner_column,
       dep.deptype, d.description
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN pg_depend dep
       ON dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.objsubid = 0
      AND dep.refclassid = 'pg_class'::regclass AND dep.refobjsubid > 0
      AND dep.deptype IN ('a', 'i')
LEFT JOIN pg_class rc ON rc.oid = dep.refobjid
LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
LEFT JOIN pg_attribute ra ON ra.attrelid = dep.refobjid AND ra.attnum = dep.refobjsubid
LEFT JOIN pg_description d
       ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind = 'S' AND {NS} AND {EXT_CLASS}
)sql";

// Rows of relations the model leaves out (extension members) are dropped while reading; they
// still name the columns a foreign key may reference. A column default holds no column
// reference, so it is deparsed without opening the table (relid 0 is much cheaper).
const char16_t* const columnsSql = uR"sql(
SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
       CASE WHEN tn.nspname <> 'pg_catalog' THEN tn.nspname END AS type_schema,
       CASE WHEN a.attcollation <> t.typcollation THEN {COLLATION} END AS collation,
       a.attnotnull, a.attidentity, a.attgenerated,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, 0)
            ELSE pg_get_expr(ad.adbin, ad.adrelid) END AS default_expr,
       a.attislocal, d.description
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_namespace tn ON tn.oid = t.typnamespace
LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_description d
       ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'c')
  AND {NS}
)sql";

const char16_t* const inheritsSql = uR"sql(
SELECT i.inhrelid, pn.nspname AS parent_schema, pc.relname AS parent_name,
       c.relispartition
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class pc ON pc.oid = i.inhparent
JOIN pg_namespace pn ON pn.oid = pc.relnamespace
WHERE c.relkind IN ('r', 'p', 'f') AND {NS}
ORDER BY i.inhrelid, i.inhseqno
)sql";

// contype 'n' (NOT NULL, PostgreSQL 18) and 't' (constraint trigger) stay out: nullability is
// attnotnull and constraint triggers are triggers.
const char16_t* const constraintsSql = uR"sql(
SELECT co.conrelid, co.conname, co.contype, co.condeferrable, co.condeferred,
       co.convalidated, co.connoinherit, co.conislocal,
       pg_get_constraintdef(co.oid) AS definition, co.conkey, co.confrelid,
       fn.nspname AS ref_schema, fc.relname AS ref_table, co.confkey,
       co.confupdtype, co.confdeltype, co.confmatchtype,
       CASE WHEN co.contype = 'c' THEN pg_get_expr(co.conbin, co.conrelid) END AS check_expr,
       ic.relname AS index_name, {NND} AS nulls_not_distinct, d.description
FROM pg_constraint co
JOIN pg_class c ON c.oid = co.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = co.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
LEFT JOIN pg_class ic ON ic.oid = co.conindid AND co.contype IN ('p', 'u', 'x')
LEFT JOIN pg_index ix ON ix.indexrelid = co.conindid AND co.contype = 'u'
LEFT JOIN pg_description d
       ON d.objoid = co.oid AND d.classoid = 'pg_constraint'::regclass AND d.objsubid = 0
WHERE co.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relkind IN ('r', 'p', 'f') AND {NS}
)sql";

// A foreign key's conindid names the referenced table's index: only p/u/x own their index.
const char16_t* const indexesSql = uR"sql(
SELECT i.indexrelid, i.indrelid, ic.relname, am.amname,
       pg_get_indexdef(i.indexrelid) AS definition, i.indnkeyatts, i.indnatts,
       pg_get_expr(i.indpred, i.indrelid) AS predicate, i.indisunique, i.indisprimary,
       {NND_I} AS nulls_not_distinct, i.indisvalid, co.conname, ts.spcname, d.description
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
LEFT JOIN pg_constraint co
       ON co.conindid = i.indexrelid AND co.conrelid = i.indrelid
      AND co.contype IN ('p', 'u', 'x')
LEFT JOIN pg_tablespace ts ON ts.oid = ic.reltablespace
LEFT JOIN pg_description d
       ON d.objoid = i.indexrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'm') AND {NS}
)sql";

// One row per index column, set-based (unnest of the per-column vectors) rather than a
// subquery per index. Only expression keys need the deparser. The default opclass and the
// column's own collation are left out, as pg_get_indexdef does.
const char16_t* const indexKeysSql = uR"sql(
SELECT k.indexrelid, k.n, k.attnum, a.attname,
       CASE WHEN k.attnum = 0 THEN pg_get_indexdef(k.indexrelid, k.n::int, true) END
           AS expression,
       CASE WHEN NOT opc.opcdefault THEN {OPCLASS} END AS opclass,
       CASE WHEN k.coll <> 0 AND k.coll <> COALESCE(a.attcollation, et.typcollation)
            THEN {COLLATION} END AS collation,
       k.opt
FROM (SELECT i.indexrelid, i.indrelid, u.attnum, u.opclass, u.coll, u.opt, u.n
      FROM pg_index i
      JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      CROSS JOIN LATERAL unnest(i.indkey::int2[], i.indclass::oid[], i.indcollation::oid[],
                                i.indoption::int2[])
           WITH ORDINALITY AS u(attnum, opclass, coll, opt, n)
      WHERE c.relkind IN ('r', 'p', 'm') AND {NS}) k
LEFT JOIN pg_attribute a ON a.attrelid = k.indrelid AND a.attnum = k.attnum AND k.attnum > 0
LEFT JOIN pg_attribute ia ON ia.attrelid = k.indexrelid AND ia.attnum = k.n AND k.attnum = 0
LEFT JOIN pg_type et ON et.oid = ia.atttypid
LEFT JOIN pg_opclass opc ON opc.oid = k.opclass
LEFT JOIN pg_namespace opcn ON opcn.oid = opc.opcnamespace
LEFT JOIN pg_collation co ON co.oid = k.coll
LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
)sql";

const char16_t* const triggersSql = uR"sql(
SELECT t.tgrelid, t.tgname, pg_get_triggerdef(t.oid, true) AS definition, t.tgenabled,
       quote_ident(pn.nspname) || '.' || quote_ident(p.proname) AS function, d.description
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_proc p ON p.oid = t.tgfoid
JOIN pg_namespace pn ON pn.oid = p.pronamespace
LEFT JOIN pg_description d
       ON d.objoid = t.oid AND d.classoid = 'pg_trigger'::regclass AND d.objsubid = 0
WHERE NOT t.tgisinternal {TRIGGER_CLONES} AND {NS}
)sql";

const char16_t* const policiesSql = uR"sql(
SELECT p.polrelid, p.polname, p.polcmd, p.polpermissive,
       ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE pg_get_userbyid(r.oid)::text END
             FROM unnest(p.polroles) AS r(oid) ORDER BY 1) AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using_expr,
       pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr, d.description
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description d
       ON d.objoid = p.oid AND d.classoid = 'pg_policy'::regclass AND d.objsubid = 0
WHERE {NS}
)sql";

// Standalone composite types only: a table's row type has typtype 'c' too, but its typrelid
// is the table.
const char16_t* const typesSql = uR"sql(
SELECT t.oid, n.nspname, t.typname, t.typtype, t.typrelid, el.labels,
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
       CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation THEN {COLLATION} END
           AS collation,
       CASE WHEN t.typtype = 'd' THEN pg_get_expr(t.typdefaultbin, 0) END AS default_expr,
       t.typnotnull, d.description
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_class rc ON rc.oid = t.typrelid
LEFT JOIN pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
LEFT JOIN (SELECT enumtypid, array_agg(enumlabel ORDER BY enumsortorder) AS labels
           FROM pg_enum GROUP BY enumtypid) el ON el.enumtypid = t.oid
LEFT JOIN pg_description d
       ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0
WHERE (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND rc.relkind = 'c'))
  AND {NS} AND {EXT_TYPE}
)sql";

const char16_t* const domainChecksSql = uR"sql(
SELECT co.contypid, co.conname, pg_get_constraintdef(co.oid) AS definition, co.convalidated
FROM pg_constraint co
JOIN pg_type t ON t.oid = co.contypid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE co.contypid <> 0 AND co.contype = 'c' AND {NS}
)sql";

// pg_get_functiondef raises an error for aggregates.
const char16_t* const functionsSql = uR"sql(
SELECT n.nspname, p.proname, p.prokind,
       pg_get_function_identity_arguments(p.oid) AS identity_arguments,
       pg_get_function_result(p.oid) AS result, l.lanname,
       CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END AS definition,
       d.description
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
LEFT JOIN pg_description d
       ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0
WHERE {NS} AND {EXT_PROC}
)sql";

} // namespace

QStringList catalogQueries(int serverVersion)
{
    const QString ns = QStringLiteral(
        "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'bellows') "
        "AND n.nspname !~ '^pg_(toast_)?temp_'");
    const bool hasNullsNotDistinct = serverVersion >= 150000;
    const QString nnd = hasNullsNotDistinct ? QStringLiteral("COALESCE(ix.indnullsnotdistinct, false)")
                                            : QStringLiteral("false");
    const QString nndIndex =
        hasNullsNotDistinct ? QStringLiteral("i.indnullsnotdistinct") : QStringLiteral("false");
    const QString triggerClones =
        serverVersion >= 130000 ? QStringLiteral("AND t.tgparentid = 0") : QString();
    const QString size = QStringLiteral(
        "CASE WHEN c.relkind = 'r' THEN pg_total_relation_size(c.oid) ELSE 0 END");

    const std::pair<QString, QString> replacements[] = {
        {QStringLiteral("{NS}"), ns},
        {QStringLiteral("{NND}"), nnd},
        {QStringLiteral("{NND_I}"), nndIndex},
        {QStringLiteral("{TRIGGER_CLONES}"), triggerClones},
        {QStringLiteral("{SIZE}"), size},
        {QStringLiteral("{COLLATION}"), qualifiedName("con", "co.collname")},
        {QStringLiteral("{OPCLASS}"), qualifiedName("opcn", "opc.opcname")},
        {QStringLiteral("{EXT_NAMESPACE}"), notExtensionMember("pg_namespace", "n.oid")},
        {QStringLiteral("{EXT_CLASS}"), notExtensionMember("pg_class", "c.oid")},
        {QStringLiteral("{EXT_TYPE}"), notExtensionMember("pg_type", "t.oid")},
        {QStringLiteral("{EXT_PROC}"), notExtensionMember("pg_proc", "p.oid")},
    };

    const char16_t* const texts[catalogQueryCount] = {
        serverSql,   schemasSql,  extensionsSql, relationsSql, sequencesSql,
        columnsSql,  inheritsSql, constraintsSql, indexesSql,  indexKeysSql,
        triggersSql, policiesSql, typesSql,      domainChecksSql, functionsSql,
    };

    QStringList queries;
    queries.reserve(catalogQueryCount);
    for (const char16_t* text : texts) {
        QString sql = QString::fromUtf16(text).trimmed();
        for (const auto& [token, value] : replacements)
            sql.replace(token, value);
        queries << sql;
    }
    return queries;
}

} // namespace bellows::introspect

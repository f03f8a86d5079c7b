#include "exec/object_state.h"

#include "pq/connection.h"

#include <QSet>

namespace bellows::exec {

QStringList planRelations(const plan::Plan& plan)
{
    QStringList out;
    QSet<QString> seen;
    for (const plan::Step& step : plan.steps)
        for (const plan::Lock& lock : step.locks)
            if (!lock.relation.isEmpty() && !seen.contains(lock.relation)) {
                seen.insert(lock.relation);
                out << lock.relation;
            }
    return out;
}

Result<std::map<QString, QString>> describeRelations(pq::Connection& conn,
                                                     const QStringList& relations)
{
    std::map<QString, QString> out;
    if (relations.isEmpty())
        return out;
    // Sorted lines, so the description changes only when the object does.
    auto r = conn.exec(QStringLiteral(R"sql(
SELECT r.name, CASE WHEN c.oid IS NULL THEN '' ELSE concat_ws(E'\n',
    'kind ' || c.relkind::text,
    (SELECT string_agg(format('column %I %s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
                              CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
                              coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')),
                       E'\n' ORDER BY a.attname)
       FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
    (SELECT string_agg(format('constraint %I %s', k.conname, pg_get_constraintdef(k.oid)),
                       E'\n' ORDER BY k.conname)
       FROM pg_constraint k WHERE k.conrelid = c.oid),
    (SELECT string_agg('index ' || pg_get_indexdef(i.indexrelid) ||
                       CASE WHEN i.indisvalid THEN '' ELSE ' (INVALID)' END,
                       E'\n' ORDER BY pg_get_indexdef(i.indexrelid))
       FROM pg_index i WHERE i.indrelid = c.oid),
    (SELECT string_agg('trigger ' || pg_get_triggerdef(t.oid), E'\n' ORDER BY t.tgname)
       FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal)) END
FROM unnest($1::text[]) AS r(name) LEFT JOIN pg_class c ON c.oid = to_regclass(r.name)
)sql"),
                       {pq::textArrayLiteral(relations)});
    if (!r)
        return r.error();
    for (int i = 0; i < r->rows(); ++i)
        out[r->text(i, 0)] = r->text(i, 1);
    return out;
}

QString describeDrift(const QString& object, const QString& expected, const QString& actual)
{
    if (expected == actual)
        return {};
    if (expected.isEmpty())
        return QStringLiteral("%1 exists, but the plan expects it not to exist yet").arg(object);
    if (actual.isEmpty())
        return QStringLiteral("%1 no longer exists").arg(object);
    const QStringList before = expected.split(QLatin1Char('\n'));
    const QStringList after = actual.split(QLatin1Char('\n'));
    QStringList parts;
    for (const QString& line : after)
        if (!before.contains(line))
            parts << QStringLiteral("now has %1").arg(line);
    for (const QString& line : before)
        if (!after.contains(line))
            parts << QStringLiteral("expected %1").arg(line);
    return QStringLiteral("%1 changed: %2").arg(object, parts.join(QStringLiteral("; ")));
}

} // namespace bellows::exec

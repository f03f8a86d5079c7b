#include "plan/table_options.h"

#include "sql/quote.h"

#include <QMap>

namespace bellows::plan {

namespace {

QMap<QString, QString> parse(const QStringList& options)
{
    QMap<QString, QString> out;
    for (const QString& o : options) {
        const qsizetype eq = o.indexOf(QLatin1Char('='));
        out.insert(eq < 0 ? o : o.left(eq), eq < 0 ? QString() : o.mid(eq + 1));
    }
    return out;
}

// "toast.autovacuum_enabled" names a parameter of the TOAST table: quote each part.
QString parameterName(const QString& key)
{
    QStringList parts;
    for (const QString& part : key.split(QLatin1Char('.')))
        parts << sql::quoteIdent(part);
    return parts.join(QLatin1Char('.'));
}

// The keys whose value differs or that one side lacks.
QStringList changedKeys(const QMap<QString, QString>& a, const QMap<QString, QString>& b)
{
    QStringList keys;
    for (auto it = a.begin(); it != a.end(); ++it)
        if (!b.contains(it.key()) || b.value(it.key()) != it.value())
            keys << it.key();
    for (auto it = b.begin(); it != b.end(); ++it)
        if (!a.contains(it.key()))
            keys << it.key();
    return keys;
}

bool takesShareUpdateExclusive(const QString& key)
{
    static const QStringList exact{
        QStringLiteral("fillfactor"),         QStringLiteral("parallel_workers"),
        QStringLiteral("toast_tuple_target"), QStringLiteral("vacuum_index_cleanup"),
        QStringLiteral("vacuum_truncate"),    QStringLiteral("log_autovacuum_min_duration")};
    return exact.contains(key) || key.startsWith(QLatin1String("autovacuum_")) ||
           key.startsWith(QLatin1String("toast."));
}

} // namespace

QString storageOptionsClause(const QStringList& from, const QStringList& to)
{
    const QMap<QString, QString> before = parse(from);
    const QMap<QString, QString> after = parse(to);
    QStringList set;
    QStringList reset;
    for (auto it = after.begin(); it != after.end(); ++it)
        if (!before.contains(it.key()) || before.value(it.key()) != it.value())
            set << parameterName(it.key()) + QStringLiteral(" = ") + sql::quoteLiteral(it.value());
    for (auto it = before.begin(); it != before.end(); ++it)
        if (!after.contains(it.key()))
            reset << parameterName(it.key());
    QStringList clauses;
    if (!set.isEmpty())
        clauses << QStringLiteral("SET (%1)").arg(set.join(QStringLiteral(", ")));
    if (!reset.isEmpty())
        clauses << QStringLiteral("RESET (%1)").arg(reset.join(QStringLiteral(", ")));
    return clauses.join(QStringLiteral(", "));
}

LockMode storageOptionsLock(const QStringList& from, const QStringList& to)
{
    for (const QString& key : changedKeys(parse(from), parse(to)))
        if (!takesShareUpdateExclusive(key))
            return LockMode::AccessExclusive;
    return LockMode::ShareUpdateExclusive;
}

} // namespace bellows::plan

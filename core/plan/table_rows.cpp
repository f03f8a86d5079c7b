#include "plan/table_rows.h"

#include "plan/lock_budget.h"

#include "pq/connection.h"
#include "sql/quote.h"

#include <QSet>

#include <algorithm>

namespace bellows::plan {

namespace {

// The live table a change is about, by its database-side name.
QString liveTableName(const diff::Change& change)
{
    if (change.isSubObject())
        return change.tableRenamedFrom.isEmpty() ? change.table : change.tableRenamedFrom;
    if (change.kind != diff::ObjectKind::Table)
        return {};
    return change.renamedFrom.isEmpty() ? change.name : change.renamedFrom;
}

// Tables with a column of the domain or composite type `change` is about: ALTER DOMAIN and ALTER
// TYPE scan or rewrite them.
QStringList typeUsers(const catalog::Catalog& database, const diff::Change& change)
{
    QStringList out;
    if (change.kind != diff::ObjectKind::Domain && change.kind != diff::ObjectKind::CompositeType)
        return out;
    for (const catalog::Table& t : database.tables) {
        for (const catalog::Column& c : t.columns) {
            QString type = c.type;
            if (type.endsWith(QStringLiteral("[]")))
                type.chop(2);
            if (c.typeSchema == change.schema &&
                (type == change.name || type == sql::quoteIdent(change.name) ||
                 type == sql::qualified(change.schema, change.name))) {
                out << t.name;
                break;
            }
        }
    }
    return out;
}

} // namespace

Status measureTableRows(pq::Connection& conn, catalog::Catalog& database,
                        const diff::ChangeSet& changes)
{
    QSet<QString> seen;
    std::vector<catalog::Table*> tables;
    auto measure = [&](const QString& schema, const QString& name) {
        auto it = std::find_if(
            database.tables.begin(), database.tables.end(),
            [&](const catalog::Table& t) { return t.schema == schema && t.name == name; });
        if (it == database.tables.end() || seen.contains(schema + QLatin1Char('.') + name))
            return;
        seen.insert(schema + QLatin1Char('.') + name);
        tables.push_back(&*it);
    };
    for (const diff::Change& change : changes.changes) {
        const QString name = liveTableName(change);
        if (!name.isEmpty())
            measure(change.schema, name);
        for (const QString& user : typeUsers(database, change)) {
            for (const catalog::Table& t : database.tables)
                if (t.name == user)
                    measure(t.schema, t.name);
        }
    }
    if (tables.empty())
        return {};
    QStringList queries;
    for (const catalog::Table* t : tables)
        // Inheritance children and partitions too: a rewrite of the parent rewrites them.
        queries << QStringLiteral("SELECT EXISTS (SELECT FROM %1), %2")
                       .arg(sql::qualified(t->schema, t->name),
                            detail::relationTreeBytesSql(sql::qualified(t->schema, t->name)));
    auto results = conn.execPipelined(queries);
    if (!results)
        return results.error();
    for (size_t i = 0; i < tables.size() && i < results->size(); ++i) {
        const bool holdsRows = (*results)[i].boolean(0, 0);
        tables[i]->estimatedRows = holdsRows ? std::max<double>(1, tables[i]->estimatedRows) : 0;
        // The real size, not relpages (0 until the first VACUUM or ANALYZE): the lock budget
        // (plan/lock_budget.h) is decided on it.
        if ((*results)[i].columns() > 1 && !(*results)[i].isNull(0, 1))
            tables[i]->totalBytes = (*results)[i].int64(0, 1);
    }
    return {};
}

} // namespace bellows::plan

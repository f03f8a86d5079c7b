#include "plan/table_rows.h"

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

} // namespace

Status measureTableRows(pq::Connection& conn, catalog::Catalog& database,
                        const diff::ChangeSet& changes)
{
    QSet<QString> seen;
    std::vector<catalog::Table*> tables;
    for (const diff::Change& change : changes.changes) {
        const QString name = liveTableName(change);
        if (name.isEmpty())
            continue;
        auto it = std::find_if(database.tables.begin(), database.tables.end(),
                               [&](const catalog::Table& t) {
                                   return t.schema == change.schema && t.name == name;
                               });
        if (it == database.tables.end() || seen.contains(change.schema + QLatin1Char('.') + name))
            continue;
        seen.insert(change.schema + QLatin1Char('.') + name);
        tables.push_back(&*it);
    }
    if (tables.empty())
        return {};
    QStringList queries;
    for (const catalog::Table* t : tables)
        queries << QStringLiteral("SELECT EXISTS (SELECT FROM %1)").arg(sql::qualified(t->schema, t->name));
    auto results = conn.execPipelined(queries);
    if (!results)
        return results.error();
    for (size_t i = 0; i < tables.size() && i < results->size(); ++i) {
        const bool holdsRows = (*results)[i].boolean(0, 0);
        tables[i]->estimatedRows = holdsRows ? std::max<double>(1, tables[i]->estimatedRows) : 0;
    }
    return {};
}

} // namespace bellows::plan

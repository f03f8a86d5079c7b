// Checks confirmed renames against both catalogs before anything is compared, so a typo in a
// --rename is an error rather than a silently ignored hint.

#include "diff/diff_context.h"

#include <algorithm>

namespace bellows::diff::detail {

using catalog::Catalog;
using catalog::key;
using catalog::Table;

namespace {

Error renameError(const RenameHint& hint, const QString& why)
{
    Error error;
    error.message = QStringLiteral("rename %1: %2").arg(hint.toString(), why);
    return error;
}

bool hasColumn(const Table& table, const QString& name)
{
    return table.column(name) != nullptr;
}

Status resolveTable(const Catalog& database, const Catalog& target, const RenameHint& hint,
                    Renames& out)
{
    const QString oldName = displayQualified(hint.schema, hint.table);
    const QString newName = displayQualified(hint.schema, hint.newName);
    if (!database.table(hint.schema, hint.table) && database.table(hint.schema, hint.newName) &&
        !target.table(hint.schema, hint.table)) {
        out.alreadyApplied << QStringLiteral("table %1 is already renamed to %2 in the database")
                                  .arg(oldName, newName);
        return {};
    }
    if (!database.table(hint.schema, hint.table))
        return renameError(hint, QStringLiteral("no table %1 in the database").arg(oldName));
    if (!target.table(hint.schema, hint.newName))
        return renameError(hint, QStringLiteral("no table %1 in the target").arg(newName));
    if (target.table(hint.schema, hint.table))
        return renameError(hint, QStringLiteral("table %1 still exists in the target, so it "
                                                "is not renamed")
                                     .arg(oldName));
    if (database.table(hint.schema, hint.newName))
        return renameError(hint,
                           QStringLiteral("table %1 already exists in the database").arg(newName));
    const QString oldKey = key(hint.schema, hint.table);
    const QString newKey = key(hint.schema, hint.newName);
    if (out.tables.contains(oldKey) || out.tablesBack.contains(newKey))
        return renameError(hint, QStringLiteral("conflicts with another rename of the same table"));
    out.tableRenames.push_back({hint.schema, hint.table, hint.newName});
    out.tables.insert(oldKey, hint.newName);
    out.tablesBack.insert(newKey, hint.table);
    return {};
}

Status resolveColumn(const Catalog& database, const Catalog& target, const RenameHint& hint,
                     Renames& out)
{
    // The table may be named by its database name or, when it is renamed too, its new name.
    QString dbTableName = hint.table;
    if (!database.table(hint.schema, dbTableName))
        dbTableName = out.tablesBack.value(key(hint.schema, hint.table));
    const Table* dbTable =
        dbTableName.isEmpty() ? nullptr : database.table(hint.schema, dbTableName);
    if (!dbTable)
        return renameError(hint, QStringLiteral("no table %1 in the database")
                                     .arg(displayQualified(hint.schema, hint.table)));
    const QString tgtTableName = out.newTableName(hint.schema, dbTableName);
    const Table* tgtTable = target.table(hint.schema, tgtTableName);
    if (!tgtTable)
        return renameError(hint, QStringLiteral("no table %1 in the target")
                                     .arg(displayQualified(hint.schema, tgtTableName)));

    const QString dbQualified = displayQualified(hint.schema, dbTableName);
    const QString tgtQualified = displayQualified(hint.schema, tgtTableName);
    const QString oldCol = displayIdent(hint.column);
    const QString newCol = displayIdent(hint.newName);
    if (!hasColumn(*dbTable, hint.column) && hasColumn(*dbTable, hint.newName) &&
        !hasColumn(*tgtTable, hint.column)) {
        out.alreadyApplied << QStringLiteral("column %1 of %2 is already renamed to %3 in the "
                                             "database")
                                  .arg(oldCol, dbQualified, newCol);
        return {};
    }
    if (!hasColumn(*dbTable, hint.column))
        return renameError(
            hint, QStringLiteral("no column %1 in %2 of the database").arg(oldCol, dbQualified));
    if (!hasColumn(*tgtTable, hint.newName))
        return renameError(
            hint, QStringLiteral("no column %1 in %2 of the target").arg(newCol, tgtQualified));
    if (hasColumn(*tgtTable, hint.column))
        return renameError(hint, QStringLiteral("column %1 still exists in %2 of the target, "
                                                "so it is not renamed")
                                     .arg(oldCol, tgtQualified));
    if (hasColumn(*dbTable, hint.newName))
        return renameError(hint, QStringLiteral("column %1 already exists in %2 of the database")
                                     .arg(newCol, dbQualified));

    QHash<QString, QString>& columns = out.columns[key(hint.schema, dbTableName)];
    const auto sameNew = std::find(columns.cbegin(), columns.cend(), hint.newName);
    if (columns.contains(hint.column) || sameNew != columns.cend())
        return renameError(hint,
                           QStringLiteral("conflicts with another rename of the same column"));
    columns.insert(hint.column, hint.newName);
    return {};
}

} // namespace

QString Renames::newTableName(const QString& schema, const QString& name) const
{
    return tables.value(key(schema, name), name);
}

QString Renames::newColumnName(const QString& tableKey, const QString& column) const
{
    const auto it = columns.constFind(tableKey);
    return it == columns.constEnd() ? column : it->value(column, column);
}

Status resolveRenames(const Catalog& database, const Catalog& target,
                      const std::vector<RenameHint>& hints, Renames& out)
{
    // Table renames first: column hints may name a renamed table by its new name.
    for (const RenameHint& hint : hints) {
        if (hint.isTableRename()) {
            if (Status s = resolveTable(database, target, hint, out); !s)
                return s;
        }
    }
    for (const RenameHint& hint : hints) {
        if (!hint.isTableRename()) {
            if (Status s = resolveColumn(database, target, hint, out); !s)
                return s;
        }
    }
    return {};
}

} // namespace bellows::diff::detail

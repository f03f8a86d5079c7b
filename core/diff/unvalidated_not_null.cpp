#include "diff/unvalidated_not_null.h"

#include <algorithm>

namespace bellows::diff {

namespace {

// The name a live table or column has in the target, through the confirmed renames.
QString renamed(const std::vector<RenameHint>& renames, const QString& schema, const QString& table,
                const QString& column)
{
    for (const RenameHint& r : renames)
        if (r.schema == schema && r.table == table && r.column == column)
            return r.newName;
    return column.isEmpty() ? table : column;
}

const catalog::Column* targetColumn(const catalog::Catalog& target, const catalog::Table& table,
                                    const QString& column, const std::vector<RenameHint>& renames)
{
    const QString tableName = renamed(renames, table.schema, table.name, {});
    const QString columnName = renamed(renames, table.schema, table.name, column);
    const auto t = std::find_if(target.tables.begin(), target.tables.end(), [&](const auto& x) {
        return x.schema == table.schema && x.name == tableName;
    });
    if (t == target.tables.end())
        return nullptr;
    const auto c = std::find_if(t->columns.begin(), t->columns.end(),
                                [&](const catalog::Column& x) { return x.name == columnName; });
    return c == t->columns.end() ? nullptr : &*c;
}

} // namespace

void settleUnvalidatedNotNull(catalog::Catalog& live, const catalog::Catalog& target,
                              const std::vector<RenameHint>& renames)
{
    for (catalog::Table& table : live.tables)
        for (catalog::Column& column : table.columns) {
            if (column.unvalidatedNotNull.isEmpty())
                continue;
            const catalog::Column* wanted = targetColumn(target, table, column.name, renames);
            if (wanted && wanted->notNull)
                column.notNull = false;
        }
}

} // namespace bellows::diff

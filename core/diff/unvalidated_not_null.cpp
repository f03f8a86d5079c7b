#include "diff/unvalidated_not_null.h"

#include <algorithm>

namespace bellows::diff {

namespace {

const catalog::Column* targetColumn(const catalog::Catalog& target, const catalog::Table& table,
                                    const QString& column)
{
    const auto t = std::find_if(target.tables.begin(), target.tables.end(), [&](const auto& x) {
        return x.schema == table.schema && x.name == table.name;
    });
    if (t == target.tables.end())
        return nullptr;
    const auto c = std::find_if(t->columns.begin(), t->columns.end(),
                                [&](const catalog::Column& x) { return x.name == column; });
    return c == t->columns.end() ? nullptr : &*c;
}

} // namespace

void settleUnvalidatedNotNull(catalog::Catalog& live, const catalog::Catalog& target)
{
    for (catalog::Table& table : live.tables)
        for (catalog::Column& column : table.columns) {
            if (column.unvalidatedNotNull.isEmpty())
                continue;
            const catalog::Column* wanted = targetColumn(target, table, column.name);
            if (wanted && wanted->notNull)
                column.notNull = false;
        }
}

} // namespace bellows::diff

#pragma once

// Small builders for hand-made catalogs in the unit suites (differ, reports, planner).

#include "catalog/catalog.h"

#include <vector>

namespace bellows::test {

inline QString s(const char* text)
{
    return QString::fromUtf8(text);
}

inline catalog::Column column(const char* name, const char* type, bool notNull = false,
                              int position = 0)
{
    catalog::Column c;
    c.name = s(name);
    c.type = s(type);
    c.notNull = notNull;
    c.position = position;
    return c;
}

// Columns without a position are numbered in order.
inline catalog::Table table(const char* schema, const char* name,
                            std::vector<catalog::Column> columns)
{
    catalog::Table t;
    t.schema = s(schema);
    t.name = s(name);
    int position = 0;
    for (catalog::Column& c : columns) {
        if (c.position == 0)
            c.position = ++position;
    }
    t.columns = std::move(columns);
    return t;
}

} // namespace bellows::test

#pragma once

// SQL of a conversion batch's databases and targets, the settings conversions run with, and
// the values read back for the comparison.

#include "batch_spec.h"
#include "common/result.h"

#include <QHash>
#include <QSet>

#include <optional>
#include <vector>

namespace bellows::pq {
class Connection;
}

namespace bellows::safety {

// The zone given to Bellows with --time-zone, and the oracle's.
QString planTimeZone();
// The settings conversions run with (README: TimeZone, DateStyle, IntervalStyle,
// extra_float_digits, bytea_output), as "SET [LOCAL] …;" statements.
QString pinnedSettingsSql(bool local);
// Database defaults that differ from every pinned setting, for the live database: a conversion
// that forgets to pin one gives a different result there than in the oracle.
QString unpinnedDefaultsSql(const QString& database);

// The types, tables and rows of the live database; the oracle's tables also have an `orig`
// column holding the original value of each row.
QString liveSchemaSql(const BatchSpec& spec);
QString oracleSchemaSql(const BatchSpec& spec);
// The target: the live schema with the columns of `converted` (case keys) at their new type.
QString targetSql(const BatchSpec& spec, const QSet<QString>& converted);

// `a IS DISTINCT FROM b` as the suite's definition of a changed value for values of `typeSql`
// (json compared as jsonb).
QString changedCondition(const QString& a, const QString& b, const QString& typeSql);

using Cell = std::optional<QString>; // nullopt: NULL
// 'value' (at most 60 characters) or NULL, for messages.
QString shownCell(const Cell& cell);

struct ColumnData {
    QString type;             // format_type
    std::vector<Cell> values; // by id
};
using TableData = QHash<QString, ColumnData>; // by column name

// Every column of `table` as text (the connection's settings decide the format), ordered by id.
Result<TableData> readTable(pq::Connection& conn, const QString& table);

} // namespace bellows::safety

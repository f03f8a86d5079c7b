#include "plan/column_alter.h"

#include "plan/sql_builders.h"
#include "sql/quote.h"

namespace bellows::plan::recipes::detail {

QString alterColumn(const diff::Change& change, const QString& column, const QString& clause)
{
    return sqlb::alterTable(
        change.schema, change.table,
        QStringLiteral("ALTER COLUMN %1 %2").arg(sql::quoteIdent(column), clause));
}

Step columnAlterStep(const diff::Change& change, Phase phase, const QString& action,
                     const QString& column, const QString& referenceRow)
{
    Step s;
    s.id = sqlb::stepId(toString(phase), action, sqlb::idPath(change.schema, change.table, column));
    s.phase = phase;
    s.locks = {sqlb::lock(LockMode::AccessExclusive, change.schema, change.table)};
    s.hazards = {sqlb::hazard(HazardKind::AccessExclusiveLock,
                              QStringLiteral("ACCESS EXCLUSIVE on %1 for a catalog update")
                                  .arg(sqlb::rel(change.schema, change.table)))};
    s.referenceRow = referenceRow;
    return s;
}

} // namespace bellows::plan::recipes::detail

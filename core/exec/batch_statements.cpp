#include "exec/batch_statements.h"

#include "sql/quote.h"

#include <algorithm>

namespace bellows::exec {

namespace {

QString columnList(const QStringList& columns, const QString& prefix = {},
                   const QString& suffix = {})
{
    QStringList out;
    for (const QString& c : columns)
        out << prefix + sql::quoteIdent(c) + suffix;
    return out.join(QStringLiteral(", "));
}

QString pendingCondition(const plan::Backfill& b)
{
    return b.pendingPredicate.trimmed().isEmpty()
               ? QString()
               : QStringLiteral(" AND (%1)").arg(b.pendingPredicate);
}

// The CTE that records a batch's last position in bellows.ledger_checkpoints, in the batch's own
// statement (and so its transaction). Parameters from `firstParam`: plan id, step id, estimated
// rows, part ('' or NULL for a plain table).
QString checkpointCte(const QString& keyArray, const QString& from, int firstParam, int batchRows)
{
    return QStringLiteral(
               ", bellows_checkpoint AS (\n"
               "    INSERT INTO bellows.ledger_checkpoints AS c (plan_id, step_id, part, last_key, "
               "rows_done, batches, rows_estimated, batch_rows)\n"
               "    SELECT $%1, $%2, coalesce($%6, ''), %3, (SELECT count(*) FROM "
               "bellows_updated), 1, "
               "nullif($%4, '')::bigint, %5%7\n"
               "    ON CONFLICT (plan_id, step_id, part) DO UPDATE SET last_key = "
               "EXCLUDED.last_key, rows_done = c.rows_done + EXCLUDED.rows_done, batches = "
               "c.batches + 1, rows_estimated = EXCLUDED.rows_estimated, batch_rows = "
               "EXCLUDED.batch_rows, finished = false, updated_at = clock_timestamp()\n"
               "    RETURNING 1\n"
               ")\n")
        .arg(firstParam)
        .arg(firstParam + 1)
        .arg(keyArray)
        .arg(firstParam + 2)
        .arg(batchRows)
        .arg(firstParam + 3)
        .arg(from.isEmpty() ? QString() : QStringLiteral(" FROM ") + from);
}

} // namespace

QString backfillBatchSql(const plan::Backfill& b, bool first, int batchRows, bool checkpoint)
{
    const QString table = sql::qualified(b.schema, b.table);
    const QString keys = columnList(b.keyColumns);
    QStringList params;
    for (int i = 0; i < b.keyColumns.size(); ++i)
        params << QStringLiteral("$%1").arg(i + 1);
    const QString after = first ? QString()
                                : QStringLiteral("    WHERE (%1) > (%2)\n")
                                      .arg(keys, params.join(QStringLiteral(", ")));
    const int nextParam = first ? 1 : int(b.keyColumns.size()) + 1;
    const QString lastKeyArray = QStringLiteral("ARRAY[%1]")
                                     .arg(columnList(b.keyColumns, QStringLiteral("bellows_last."),
                                                     QStringLiteral("::text")));
    return QStringLiteral("WITH bellows_keys AS (\n"
                          "    SELECT %1 FROM %2\n"
                          "%3"
                          "    ORDER BY %1\n"
                          "    LIMIT %4\n"
                          "), bellows_updated AS (\n"
                          "    UPDATE %2 SET %5\n"
                          "    WHERE (%1) IN (SELECT %1 FROM bellows_keys)%6\n"
                          "    RETURNING 1\n"
                          "), bellows_last AS (\n"
                          "    SELECT %1 FROM bellows_keys ORDER BY %8 LIMIT 1\n"
                          ")\n"
                          "%9"
                          "SELECT (SELECT count(*) FROM bellows_keys) AS scanned,\n"
                          "       (SELECT count(*) FROM bellows_updated) AS updated,\n"
                          "       %7\n"
                          "FROM bellows_last")
        .arg(keys, table, after, QString::number(std::max(1, batchRows)), b.setClause,
             pendingCondition(b),
             columnList(b.keyColumns, QStringLiteral("bellows_last."), QStringLiteral("::text")),
             columnList(b.keyColumns, {}, QStringLiteral(" DESC")),
             checkpoint ? checkpointCte(lastKeyArray, QStringLiteral("bellows_last"), nextParam,
                                        std::max(1, batchRows))
                        : QString());
}

QString pageRangeBatchSql(const plan::Backfill& b, bool checkpoint)
{
    const QString table = sql::qualified(b.schema, b.table);
    return QStringLiteral("WITH bellows_updated AS (\n"
                          "    UPDATE %1 SET %2\n"
                          "    WHERE ctid >= format('(%s,0)', $1::bigint)::tid\n"
                          "      AND ctid < format('(%s,0)', $2::bigint)::tid%3\n"
                          "    RETURNING 1\n"
                          ")\n"
                          "%4"
                          "SELECT count(*) FROM bellows_updated")
        .arg(table, b.setClause, pendingCondition(b),
             checkpoint ? checkpointCte(QStringLiteral("ARRAY[$2::text]"), {}, 3, b.batchRows)
                        : QString());
}

QString backfillStatementText(const plan::Backfill& b)
{
    if (b.keyColumns.isEmpty())
        return QStringLiteral("-- each batch: the rows on pages [$1, $2); $3 plan id, $4 step id, "
                              "$5 estimated rows, $6 partition\n") +
               pageRangeBatchSql(b, true) + QLatin1Char(';');
    const int keys = int(b.keyColumns.size());
    return QStringLiteral("-- each batch: the next keys after the previous batch's last key "
                          "(%1); $%2 plan id, $%3 step id, $%4 estimated rows, $%5 "
                          "partition\n")
               .arg(keys == 1 ? QStringLiteral("$1") : QStringLiteral("$1..$%1").arg(keys))
               .arg(keys + 1)
               .arg(keys + 2)
               .arg(keys + 3)
               .arg(keys + 4) +
           backfillBatchSql(b, false, b.batchRows, true) + QLatin1Char(';');
}

} // namespace bellows::exec

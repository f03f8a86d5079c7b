#include "exec/backfill_batches.h"

#include "pq/connection.h"
#include "sql/quote.h"

#include <QThread>

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

} // namespace

QString backfillBatchSql(const plan::Backfill& b, bool first)
{
    const QString table = sql::qualified(b.schema, b.table);
    const QString keys = columnList(b.keyColumns);
    QStringList params;
    for (int i = 0; i < b.keyColumns.size(); ++i)
        params << QStringLiteral("$%1").arg(i + 1);
    const QString after = first ? QString()
                                : QStringLiteral("    WHERE (%1) > (%2)\n")
                                      .arg(keys, params.join(QStringLiteral(", ")));
    const QString pending = b.pendingPredicate.trimmed().isEmpty()
                                ? QString()
                                : QStringLiteral(" AND (%1)").arg(b.pendingPredicate);
    return QStringLiteral("WITH bellows_keys AS (\n"
                          "    SELECT %1 FROM %2\n"
                          "%3"
                          "    ORDER BY %1\n"
                          "    LIMIT %4\n"
                          "), bellows_updated AS (\n"
                          "    UPDATE %2 SET %5\n"
                          "    WHERE (%1) IN (SELECT %1 FROM bellows_keys)%6\n"
                          "    RETURNING 1\n"
                          ")\n"
                          "SELECT (SELECT count(*) FROM bellows_keys) AS scanned,\n"
                          "       (SELECT count(*) FROM bellows_updated) AS updated,\n"
                          "       %7\n"
                          "FROM (SELECT %1 FROM bellows_keys ORDER BY %8 LIMIT 1) AS bellows_last")
        .arg(keys, table, after, QString::number(std::max(1, b.batchRows)), b.setClause, pending,
             columnList(b.keyColumns, QStringLiteral("bellows_last."), QStringLiteral("::text")),
             columnList(b.keyColumns, {}, QStringLiteral(" DESC")));
}

Result<BackfillResult> runBackfill(pq::Connection& conn, const plan::Backfill& backfill,
                                   const BackfillOptions& options)
{
    const QString table = sql::qualified(backfill.schema, backfill.table);
    if (backfill.keyColumns.isEmpty()) {
        Error e;
        e.message = QStringLiteral("cannot backfill %1: it has no primary key, and batching by "
                                   "physical row position (ctid) is not implemented yet")
                        .arg(table);
        e.hint = QStringLiteral("add a primary key first, or run the update yourself in batches");
        return e;
    }
    const QString firstSql = backfillBatchSql(backfill, true);
    const QString nextSql = backfillBatchSql(backfill, false);
    const int keyCount = int(backfill.keyColumns.size());

    BackfillResult result;
    QStringList lastKey;
    for (;;) {
        if (options.cancel && options.cancel->load())
            return Error::cancel();
        auto batch = lastKey.isEmpty() ? conn.exec(firstSql) : conn.exec(nextSql, lastKey);
        // A batch is idempotent and its own transaction: a lock timeout on a row an app
        // transaction holds is retried after a pause.
        for (int attempt = 1; !batch && batch.error().sqlState == QLatin1String("55P03") &&
                              attempt < 5 && !(options.cancel && options.cancel->load());
             ++attempt) {
            QThread::msleep(100 * (1 << attempt));
            batch = lastKey.isEmpty() ? conn.exec(firstSql) : conn.exec(nextSql, lastKey);
        }
        if (!batch)
            return batch.error();
        if (batch->rows() == 0)
            break; // no keys after the last one: every row has been looked at
        ++result.batches;
        result.scanned += batch->int64(0, 0);
        result.updated += batch->int64(0, 1);
        QStringList next;
        for (int i = 0; i < keyCount; ++i)
            next << batch->text(0, 2 + i);
        lastKey = next;
        if (options.progress)
            options.progress(result.scanned, result.updated);
    }
    return result;
}

} // namespace bellows::exec

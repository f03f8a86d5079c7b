#include "exec/backfill_batches.h"

#include "exec/batch_retry.h"
#include "exec/lock_diagnostics.h"
#include "pq/connection.h"
#include "sql/quote.h"

#include <QElapsedTimer>
#include <QThread>

#include <algorithm>

namespace bellows::exec {

namespace {

// Sleeps in short slices so a cancel is noticed at once; false when cancelled.
bool pause(qint64 ms, const std::atomic_bool* cancel)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        if (cancel && cancel->load())
            return false;
        QThread::msleep(std::min<qint64>(50, ms - t.elapsed()));
    }
    return !(cancel && cancel->load());
}

bool cancelled(const std::atomic_bool* cancel)
{
    return cancel && cancel->load();
}

// Batch size toward the target duration: grows at most 2x, shrinks at once when a batch was
// too slow (a lock wait or a cold cache).
int nextBatchRows(int rows, qint64 ms, const BackfillTuning& t)
{
    const double ratio = double(t.targetBatchMs) / double(std::max<qint64>(ms, 1));
    double next = rows * std::min(2.0, ratio);
    if (ms <= t.maxBatchMs)
        next = std::max(next, rows * 0.5);
    return std::clamp(int(next), t.minBatchRows, t.maxBatchRows);
}

// Between two batches: the pause, duty cycle, rows/s cap and replica lag.
class Throttle {
public:
    Throttle(pq::Connection& conn, const BackfillOptions& options)
        : m_conn(conn), m_options(options)
    {
        m_sinceStart.start();
        m_sinceLagCheck.start();
    }

    Status afterBatch(qint64 batchMs, qint64 rowsSoFar)
    {
        const BackfillTuning& t = m_options.tuning;
        qint64 wait = t.pauseMs;
        if (t.dutyCycle > 0 && t.dutyCycle < 1)
            wait = std::max(wait, qint64(batchMs * (1 - t.dutyCycle) / t.dutyCycle));
        if (t.maxRowsPerSecond > 0) {
            const qint64 due = qint64(1000.0 * double(rowsSoFar) / t.maxRowsPerSecond);
            wait = std::max(wait, due - m_sinceStart.elapsed());
        }
        if (wait > 0 && !pause(wait, m_options.cancel))
            return Error::cancel();
        // Paused by a person (the GUI's Pause button): no transaction is open meanwhile.
        while (m_options.paused && m_options.paused->load())
            if (!pause(100, m_options.cancel))
                return Error::cancel();
        if (t.maxReplicaLagSeconds > 0 && m_sinceLagCheck.elapsed() >= 1000) {
            m_sinceLagCheck.restart();
            for (;;) {
                auto lag = replicaLagSeconds(m_conn);
                if (!lag)
                    return lag.error();
                if (*lag <= t.maxReplicaLagSeconds)
                    break;
                if (m_options.notice)
                    m_options.notice(QStringLiteral("a replica lags %1 s (limit %2 s): pausing")
                                         .arg(*lag, 0, 'f', 1)
                                         .arg(t.maxReplicaLagSeconds));
                if (!pause(1000, m_options.cancel))
                    return Error::cancel();
            }
        }
        return {};
    }

private:
    pq::Connection& m_conn;
    const BackfillOptions& m_options;
    QElapsedTimer m_sinceStart;
    QElapsedTimer m_sinceLagCheck;
};

struct TableSize {
    qint64 rows = -1;
    qint64 pages = 0; // the heap's pages now
    double rowsPerPage = 50;
};

Result<TableSize> tableSize(pq::Connection& conn, const QString& table)
{
    auto r = conn.exec(
        QStringLiteral("SELECT c.reltuples::bigint, c.relpages, pg_relation_size(c.oid) / "
                       "current_setting('block_size')::bigint FROM pg_class c WHERE c.oid = "
                       "to_regclass($1)"),
        {table});
    if (!r)
        return r.error();
    TableSize size;
    if (r->rows() == 0)
        return size;
    size.rows = r->int64(0, 0);
    size.pages = r->int64(0, 2);
    if (size.rows > 0 && r->int64(0, 1) > 0)
        size.rowsPerPage = std::max(1.0, double(size.rows) / double(r->int64(0, 1)));
    return size;
}

void report(const BackfillOptions& options, BackfillProgress& p, const QElapsedTimer& clock,
            qint64 scannedAtStart)
{
    const double seconds = std::max(0.001, clock.elapsed() / 1000.0);
    p.rowsPerSecond = double(p.scanned - scannedAtStart) / seconds;
    p.etaSeconds = (p.estimatedTotal > 0 && p.rowsPerSecond > 0)
                       ? std::max(0.0, double(p.estimatedTotal - p.scanned) / p.rowsPerSecond)
                       : -1;
    if (options.progress)
        options.progress(p);
}

QStringList checkpointParams(const BackfillOptions& options, qint64 estimate, const QString& part)
{
    if (!options.checkpoint)
        return {};
    return {options.checkpoint->planId, options.checkpoint->stepId,
            estimate >= 0 ? QString::number(estimate) : QString(), part};
}

// The keyset walk of one relation: the next `batchRows` keys after the last one, until none.
class KeysetWalk {
public:
    KeysetWalk(pq::Connection& conn, const plan::Backfill& backfill, const QString& part,
               const BackfillOptions& options, BackfillProgress& progress)
        : m_conn(conn), m_backfill(backfill), m_part(part), m_options(options), m_progress(progress)
    {
    }

    Result<BackfillResult> run(const std::optional<Checkpoint>& resume, const TableSize& size)
    {
        QStringList lastKey;
        if (resume && !resume->lastKey.isEmpty()) {
            lastKey = resume->lastKey;
            notice(QStringLiteral("resuming after key (%1): %2 row(s) already done in %3 "
                                  "batch(es)")
                       .arg(lastKey.join(QStringLiteral(", ")))
                       .arg(resume->rowsDone)
                       .arg(resume->batches));
        }
        int batchRows =
            std::clamp(resume && resume->batchRows > 0 ? resume->batchRows : m_backfill.batchRows,
                       m_options.tuning.minBatchRows, m_options.tuning.maxBatchRows);
        const qint64 scannedAtStart = m_progress.scanned;
        QElapsedTimer clock;
        clock.start();
        Throttle throttle(m_conn, m_options);
        BatchRetry retry(m_conn, m_options, sql::qualified(m_backfill.schema, m_backfill.table));
        BackfillResult result;
        for (;;) {
            if (cancelled(m_options.cancel))
                return Error::cancel();
            QElapsedTimer batchTimer;
            batchTimer.start();
            auto batch = retry.run(
                [&](int rows) {
                    return BatchStatement{backfillBatchSql(m_backfill, lastKey.isEmpty(), rows,
                                                           m_options.checkpoint.has_value()),
                                          lastKey + checkpointParams(m_options, size.rows, m_part)};
                },
                batchRows);
            if (!batch)
                return batch.error();
            const qint64 ms = batchTimer.elapsed();
            if (batch->rows() == 0)
                break; // no keys after the last one: every row has been looked at
            lastKey = count(*batch, result);
            m_progress.batchRows = batchRows;
            report(m_options, m_progress, clock, scannedAtStart);
            batchRows = nextBatchRows(batchRows, ms, m_options.tuning);
            if (auto s = throttle.afterBatch(ms, m_progress.scanned - scannedAtStart); !s)
                return s.error();
        }
        return result;
    }

private:
    // Adds the batch's counts; returns its last key.
    QStringList count(const pq::QueryResult& batch, BackfillResult& result)
    {
        ++result.batches;
        result.scanned += batch.int64(0, 0);
        result.updated += batch.int64(0, 1);
        ++m_progress.batches;
        m_progress.scanned += batch.int64(0, 0);
        m_progress.updated += batch.int64(0, 1);
        QStringList next;
        for (int i = 0; i < m_backfill.keyColumns.size(); ++i)
            next << batch.text(0, 2 + i);
        return next;
    }

    void notice(const QString& text) const
    {
        if (m_options.notice)
            m_options.notice(text);
    }

    pq::Connection& m_conn;
    const plan::Backfill& m_backfill;
    const QString& m_part;
    const BackfillOptions& m_options;
    BackfillProgress& m_progress;
};

Result<BackfillResult> runPageRanges(pq::Connection& conn, const plan::Backfill& backfill,
                                     const QString& part, const std::optional<Checkpoint>& resume,
                                     const BackfillOptions& options, BackfillProgress& progress,
                                     TableSize size)
{
    const QString table = sql::qualified(backfill.schema, backfill.table);
    if (conn.serverVersion() < 140000 && options.notice)
        options.notice(QStringLiteral("%1 has no primary key and this server (before 14) has no "
                                      "TID range scans: every batch scans the table")
                           .arg(table));
    const QString sql = pageRangeBatchSql(backfill, options.checkpoint.has_value());
    qint64 page = 0;
    if (resume && !resume->lastKey.isEmpty()) {
        page = resume->lastKey.front().toLongLong();
        if (options.notice)
            options.notice(QStringLiteral("resuming %1 at page %2").arg(table).arg(page));
    }
    const qint64 scannedAtStart = progress.scanned;
    int batchRows =
        std::clamp(backfill.batchRows, options.tuning.minBatchRows, options.tuning.maxBatchRows);
    QElapsedTimer clock;
    clock.start();
    Throttle throttle(conn, options);
    BatchRetry retry(conn, options, table);
    BackfillResult result;
    for (;;) {
        if (cancelled(options.cancel))
            return Error::cancel();
        if (page >= size.pages) {
            // The table may have grown while we worked: look again before finishing.
            auto now = tableSize(conn, table);
            if (!now)
                return now.error();
            if (page >= now->pages)
                break;
            size.pages = now->pages;
        }
        qint64 end = page;
        QElapsedTimer batchTimer;
        batchTimer.start();
        auto batch = retry.run(
            [&](int rows) {
                end = page + std::max<qint64>(1, qint64(rows / size.rowsPerPage));
                return BatchStatement{sql,
                                      QStringList{QString::number(page), QString::number(end)} +
                                          checkpointParams(options, size.rows, part)};
            },
            batchRows);
        if (!batch)
            return batch.error();
        const qint64 ms = batchTimer.elapsed();
        const qint64 scanned = qint64(double(end - page) * size.rowsPerPage);
        ++result.batches;
        result.scanned += scanned;
        result.updated += batch->int64(0, 0);
        ++progress.batches;
        progress.scanned += scanned;
        progress.updated += batch->int64(0, 0);
        progress.batchRows = batchRows;
        page = end;
        report(options, progress, clock, scannedAtStart);
        batchRows = nextBatchRows(batchRows, ms, options.tuning);
        if (auto s = throttle.afterBatch(ms, progress.scanned - scannedAtStart); !s)
            return s.error();
    }
    return result;
}

} // namespace

Result<BackfillResult> runRelationBackfill(pq::Connection& conn, const plan::Backfill& backfill,
                                           const QString& part,
                                           const std::optional<Checkpoint>& resume,
                                           const BackfillOptions& options,
                                           BackfillProgress& progress)
{
    auto size = tableSize(conn, sql::qualified(backfill.schema, backfill.table));
    if (!size)
        return size.error();
    if (backfill.keyColumns.isEmpty())
        return runPageRanges(conn, backfill, part, resume, options, progress, *size);
    KeysetWalk walk(conn, backfill, part, options, progress);
    return walk.run(resume, *size);
}

} // namespace bellows::exec

#pragma once

// One backfill batch against the application's row locks: the batch runs with a short
// lock_timeout (BackfillTuning::lockTimeoutMs), so a row an application transaction holds makes
// it give up quickly instead of holding its own row locks for long; a lock timeout or deadlock is
// retried with exponential backoff and jitter, a statement timeout with a smaller batch. After
// the retry policy's attempts or seconds, it gives up with the blockers named. A batch is
// idempotent and its own transaction, so a retry never does work twice.

#include "common/result.h"
#include "pq/query_result.h"

#include <QElapsedTimer>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace bellows::pq {
class Connection;
}

namespace bellows::exec {

struct BackfillOptions;

// The statement and parameters of one batch of `batchRows` rows.
struct BatchStatement {
    QString sql;
    QStringList params;
};

class BatchRetry {
public:
    BatchRetry(pq::Connection& conn, const BackfillOptions& options, QString relation);

    // Runs the batch `build(batchRows)` returns; a statement timeout lowers `batchRows` (at
    // least BackfillTuning::minBatchRows) for the retry and for the batches after it.
    Result<pq::QueryResult> run(const std::function<BatchStatement(int batchRows)>& build,
                                int& batchRows);

private:
    enum class Failure { LockWait, StatementTimeout, Other };
    Failure classify(const Error& error) const;
    // Waits before the next attempt; false (with `error` completed) when it must give up.
    bool backOff(Error& error, Failure failure, int attempt, const QElapsedTimer& clock);

    pq::Connection& m_conn;
    const BackfillOptions& m_options;
    QString m_relation;
};

} // namespace bellows::exec

#include "exec/batch_retry.h"

#include "exec/backfill_batches.h"
#include "exec/lock_diagnostics.h"
#include "pq/connection.h"

#include <QThread>

#include <algorithm>

namespace bellows::exec {

BatchRetry::BatchRetry(pq::Connection& conn, const BackfillOptions& options, QString relation)
    : m_conn(conn), m_options(options), m_relation(std::move(relation))
{
}

BatchRetry::Failure BatchRetry::classify(const Error& error) const
{
    if (error.sqlState == QLatin1String("55P03") || error.sqlState == QLatin1String("40P01"))
        return Failure::LockWait;
    // 57014 is also a cancel (ours, or pg_cancel_backend by a person): only the server's
    // statement timeout is retried.
    const bool cancelled = m_options.cancel && m_options.cancel->load();
    if (error.sqlState == QLatin1String("57014") && !cancelled &&
        error.message.contains(QLatin1String("statement timeout")))
        return Failure::StatementTimeout;
    return Failure::Other;
}

Result<pq::QueryResult> BatchRetry::run(const std::function<BatchStatement(int)>& build,
                                        int& batchRows)
{
    QElapsedTimer clock;
    clock.start();
    for (int attempt = 1;; ++attempt) {
        const BatchStatement statement = build(batchRows);
        auto batch = m_conn.exec(statement.sql, statement.params);
        if (batch)
            return batch;
        Error error = batch.error();
        const Failure failure = classify(error);
        if (failure == Failure::Other || !backOff(error, failure, attempt, clock))
            return error;
        if (failure == Failure::StatementTimeout)
            batchRows = std::max(m_options.tuning.minBatchRows, batchRows / 2);
    }
}

bool BatchRetry::backOff(Error& error, Failure failure, int attempt, const QElapsedTimer& clock)
{
    const RetryPolicy& policy = m_options.retry;
    auto holders = lockHolders(m_conn, {m_relation});
    const QString who = holders && !holders->isEmpty()
                            ? holders->join(QStringLiteral("\n    "))
                            : QStringLiteral("(no session holds a lock on %1 now)").arg(m_relation);
    const bool lock = failure == Failure::LockWait;
    const QString what = lock ? QStringLiteral("waited too long for a row lock")
                              : QStringLiteral("ran into its statement timeout");
    if (attempt >= policy.maxAttempts || clock.elapsed() / 1000 >= policy.maxSeconds) {
        error.message = QStringLiteral("a backfill batch on %1 %2 %3 time(s) in %4 s; gave up: %5")
                            .arg(m_relation, what)
                            .arg(attempt)
                            .arg(clock.elapsed() / 1000)
                            .arg(error.message);
        error.detail = (error.detail.isEmpty() ? QString() : error.detail + QLatin1Char('\n')) +
                       QStringLiteral("Sessions holding locks on %1:\n    %2").arg(m_relation, who);
        error.hint = lock ? QStringLiteral("end (or wait for) the transactions holding those "
                                           "rows, then run apply again: it resumes after the last "
                                           "committed batch")
                          : QStringLiteral("the table may be bloated or a lock held; run apply "
                                           "again (it resumes after the last committed batch), "
                                           "with a larger statement timeout if needed");
        return false;
    }
    const int delay = policy.delayMs(attempt);
    if (m_options.notice)
        m_options.notice(QStringLiteral("batch %1 (%2; attempt %3 of %4)%5; trying again in %6 "
                                        "ms; held by:\n    %7")
                             .arg(what, error.message)
                             .arg(attempt)
                             .arg(policy.maxAttempts)
                             .arg(lock ? QString() : QStringLiteral(" with a smaller batch"))
                             .arg(delay)
                             .arg(who));
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < delay) {
        if (m_options.cancel && m_options.cancel->load()) {
            error = Error::cancel();
            return false;
        }
        QThread::msleep(std::min<qint64>(50, delay - waited.elapsed()));
    }
    return true;
}

} // namespace bellows::exec

#include "exec/lock_retry.h"

#include "exec/lock_diagnostics.h"

#include <QThread>

#include <algorithm>

namespace bellows::exec {

bool isLockRetryable(const Error& e)
{
    return e.sqlState == QLatin1String("55P03")     // lock_not_available (lock_timeout)
           || e.sqlState == QLatin1String("40P01"); // deadlock_detected
}

LockRetry::LockRetry(StepContext& context, const plan::Step& step)
    : m_context(context), m_step(step)
{
    m_clock.start();
}

QString LockRetry::blockers()
{
    QStringList relations;
    for (const plan::Lock& lock : m_step.locks)
        if (!lock.relation.isEmpty() && !relations.contains(lock.relation))
            relations << lock.relation;
    auto holders = lockHolders(m_context.conn, relations);
    return holders && !holders->isEmpty()
               ? holders->join(QStringLiteral("\n    "))
               : QStringLiteral("(no session holds a lock on the step's tables now)");
}

bool LockRetry::shouldRetry(Error& error)
{
    const RetryPolicy& policy = m_context.options.retry;
    if (!isLockRetryable(error) || m_context.cancel.load())
        return false;
    const QString who = blockers();
    (void)m_context.ledger.event(m_context.runId, m_step.id, QStringLiteral("lock_wait"),
                                 QStringLiteral("%1; blocked by: %2").arg(error.message, who), {},
                                 -1, error.sqlState);
    const bool outOfTime = m_clock.elapsed() / 1000 >= policy.maxSeconds;
    if (m_attempt >= policy.maxAttempts || outOfTime) {
        error.detail = (error.detail.isEmpty() ? QString() : error.detail + QLatin1Char('\n')) +
                       QStringLiteral("Gave up after %1 attempt(s) in %2 s. Blocked by:\n    %3")
                           .arg(m_attempt)
                           .arg(m_clock.elapsed() / 1000)
                           .arg(who);
        error.hint = QStringLiteral("wait for (or end) the blocking sessions, then run apply "
                                    "again: done steps are skipped");
        return false;
    }
    const int delay = policy.delayMs(m_attempt);
    m_context.say(QStringLiteral("  %1 (attempt %2 of %3); blocked by:\n    %4\n  trying again "
                                 "in %5 ms")
                      .arg(error.message)
                      .arg(m_attempt)
                      .arg(policy.maxAttempts)
                      .arg(who)
                      .arg(delay));
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < delay) {
        if (m_context.cancel.load())
            return false;
        QThread::msleep(std::min<qint64>(50, delay - waited.elapsed()));
    }
    ++m_attempt;
    return true;
}

} // namespace bellows::exec

#include "exec/statement_timeouts.h"

#include "pq/connection.h"

#include <algorithm>

namespace bellows::exec {

lint::Timeouts stepStatementTimeouts(const lint::StatementClass& statement, const plan::Step& step,
                                     const lint::TimeoutPolicy& defaults)
{
    const int statementTimeout = std::max(0, step.statementTimeoutMs);
    if (statement.waitsForOldTransactions)
        return {0, statementTimeout};
    if (statement.takesStrongLock())
        return {step.lockTimeoutMs > 0 ? step.lockTimeoutMs : defaults.shortLockTimeoutMs,
                statementTimeout};
    return {std::max(0, step.lockTimeoutMs), statementTimeout};
}

lint::Timeouts rollbackStatementTimeouts(const lint::StatementClass& statement,
                                         const plan::Step& step,
                                         const lint::TimeoutPolicy& defaults)
{
    lint::TimeoutPolicy policy = defaults;
    if (step.lockTimeoutMs > 0)
        policy.shortLockTimeoutMs = step.lockTimeoutMs;
    return lint::timeoutsFor(statement, policy);
}

Status applyTimeouts(pq::Connection& conn, const lint::Timeouts& timeouts, bool local)
{
    const QString scope = local ? QStringLiteral("SET LOCAL ") : QStringLiteral("SET ");
    // Integers only (no user text): safe to format. 0 means no limit for both settings.
    const QStringList statements{
        scope + QStringLiteral("lock_timeout = %1").arg(std::max(0, timeouts.lockTimeoutMs)),
        scope +
            QStringLiteral("statement_timeout = %1").arg(std::max(0, timeouts.statementTimeoutMs))};
    for (const QString& sql : statements)
        if (auto r = conn.exec(sql); !r)
            return r.error();
    return {};
}

} // namespace bellows::exec

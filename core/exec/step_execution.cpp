#include "exec/step_execution.h"

#include "exec/backfill_step.h"
#include "exec/lock_retry.h"
#include "exec/outside_transaction_step.h"
#include "exec/statement_timeouts.h"
#include "exec/step_records.h"
#include "plan/lock_budget.h"
#include "pq/connection.h"

#include <QElapsedTimer>

#include <algorithm>
#include <optional>

namespace bellows::exec {

namespace {

Error metaCommandError()
{
    Error e;
    e.message = QStringLiteral("psql meta-commands and COPY FROM stdin cannot run in a step");
    return e;
}

// One attempt: BEGIN, every statement with its own SET LOCAL timeouts, the relations' states
// and the done record, COMMIT. Nothing of it stays when any part fails.
Result<RelationStates> transactionalAttempt(StepContext& c, const plan::Step& step,
                                            const std::vector<lint::StatementClass>& statements)
{
    // A step planned under the lock budget holds its lock until COMMIT: its statement_timeout
    // bounds the whole transaction (what is left of it before each statement), not each
    // statement, or N statements could hold the lock N times as long.
    const bool deadline = plan::detail::hasBudgetGuard(step) && step.statementTimeoutMs > 0;
    QElapsedTimer clock;
    clock.start();
    return inTransaction(c.conn, [&]() -> Result<RelationStates> {
        std::optional<lint::Timeouts> current;
        for (const lint::StatementClass& statement : statements) {
            // Only when they change: every round trip here may be under a strong lock.
            auto timeouts = stepStatementTimeouts(statement, step, c.options.timeouts);
            // In whole quarter seconds, so the SET is repeated at most four times a second.
            if (deadline)
                timeouts.statementTimeoutMs = int(
                    std::max<qint64>(1, (step.statementTimeoutMs - clock.elapsed()) / 250 * 250));
            if (timeouts != current)
                if (auto s = applyTimeouts(c.conn, timeouts, true); !s)
                    return s.error();
            current = timeouts;
            if (auto r = c.conn.exec(statement.text); !r)
                return r.error();
        }
        // The record runs under the last statement's settings: give it its own bound.
        if (auto s = applyTimeouts(c.conn, {0, c.options.timeouts.statementTimeoutMs}, true); !s)
            return s.error();
        return recordStepDoneInTransaction(c, step, -1);
    });
}

Result<StepOutcome> runTransactional(StepContext& c, const plan::Step& step,
                                     const std::vector<lint::StatementClass>& statements)
{
    LockRetry retry(c, step);
    for (;;) {
        auto states = transactionalAttempt(c, step, statements);
        if (states)
            return StepOutcome{-1, retry.attempt(), *states};
        Error error = states.error();
        if (!retry.shouldRetry(error)) {
            error.context = QStringLiteral("The step ran in one transaction, which was rolled "
                                           "back: nothing of it was kept.");
            return error;
        }
    }
}

} // namespace

std::vector<lint::StatementClass> stepStatements(const plan::Step& step)
{
    return lint::classifyStatements(step.sql);
}

bool runsOutsideTransaction(const plan::Step& step,
                            const std::vector<lint::StatementClass>& statements)
{
    return step.outsideTransaction ||
           std::any_of(statements.begin(), statements.end(),
                       [](const lint::StatementClass& s) { return s.outsideTransaction; });
}

QString concurrentIndexName(const QString& statement)
{
    const lint::StatementClass c = lint::classifyStatement(statement);
    if (c.concurrent != lint::StatementClass::Concurrent::CreateIndex)
        return {};
    return c.index.qualified();
}

Result<StepOutcome> executeStep(StepContext& c, const plan::Step& step)
{
    c.conn.setOrigin(step.backfill ? pq::Origin::Backfill : pq::Origin::Step);
    if (step.backfill) {
        // Session settings for the batches: each batch is its own short transaction.
        const lint::Timeouts batch{c.options.backfill.lockTimeoutMs,
                                   std::max(0, step.statementTimeoutMs)};
        if (auto s = applyTimeouts(c.conn, batch, false); !s)
            return s.error();
        return runBackfillStep(c, step);
    }
    const std::vector<lint::StatementClass> statements = stepStatements(step);
    if (std::any_of(statements.begin(), statements.end(),
                    [](const lint::StatementClass& s) { return s.psqlOnly; }))
        return metaCommandError();
    if (runsOutsideTransaction(step, statements))
        return runOutsideTransaction(c, step, statements);
    auto outcome = runTransactional(c, step, statements);
    // 25001: PostgreSQL refused a statement inside a transaction block that the parse tree did
    // not flag (newer syntax, ALTER TYPE … ADD VALUE before 12): run it the other way.
    if (!outcome && outcome.error().sqlState == QLatin1String("25001")) {
        c.say(QStringLiteral("  PostgreSQL refuses part of the step inside a transaction block: "
                             "running it statement by statement"));
        return runOutsideTransaction(c, step, statements);
    }
    return outcome;
}

} // namespace bellows::exec

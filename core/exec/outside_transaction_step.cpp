#include "exec/outside_transaction_step.h"

#include "exec/interrupted_statement.h"
#include "exec/lock_retry.h"
#include "exec/statement_timeouts.h"
#include "exec/step_records.h"
#include "pq/connection.h"

#include <QList>

#include <algorithm>

namespace bellows::exec {

namespace {

// Runs the statements of one step from `done` on, recording each.
class StatementWalk {
public:
    StatementWalk(StepContext& c, const plan::Step& step,
                  const std::vector<lint::StatementClass>& statements)
        : m_c(c), m_step(step), m_statements(statements), m_retry(c, step)
    {
    }

    Result<StepOutcome> run()
    {
        int done = std::clamp(m_c.statementsAlreadyDone, 0, total());
        if (done > 0)
            m_c.say(QStringLiteral("  resuming after statement %1 of %2 (done in an earlier run)")
                        .arg(done)
                        .arg(total()));
        if (auto s = settleInterrupted(done); !s)
            return s.error();
        while (done < total()) {
            auto states = runOne(done);
            if (!states)
                return failed(states.error(), done);
            ++done;
        }
        auto states = commitStepDone(m_c, m_step, -1);
        if (!states)
            return states.error();
        return StepOutcome{-1, m_retry.attempt(), *states};
    }

private:
    int total() const { return int(m_statements.size()); }

    // A statement that must run outside a transaction was running when an earlier attempt
    // stopped: what did it do? Done: recorded now, and the walk goes on after it.
    Status settleInterrupted(int& done)
    {
        if (!m_c.resuming || done >= total() || !m_statements[size_t(done)].outsideTransaction)
            return {};
        auto finished = finishedByEarlierAttempt(m_c, m_step, m_statements[size_t(done)]);
        if (!finished)
            return finished.error();
        if (!*finished)
            return {};
        auto states = commitStatementsDone(m_c, m_step, done + 1);
        if (!states)
            return states.error();
        (void)m_c.ledger.event(m_c.runId, m_step.id, QStringLiteral("resume"),
                               QStringLiteral("statement %1 of %2 had completed in the "
                                              "interrupted run; recorded as done")
                                   .arg(done + 1)
                                   .arg(total()),
                               m_statements[size_t(done)].text);
        ++done;
        return {};
    }

    // Runs statement `index` (retrying lock timeouts) and records it; the states after it.
    Result<RelationStates> runOne(int index)
    {
        const lint::StatementClass& statement = m_statements[size_t(index)];
        for (;;) {
            auto states = statement.outsideTransaction || m_refusedInTransaction.contains(index)
                              ? autocommit(statement, index)
                              : inOwnTransaction(statement, index);
            if (states)
                return states;
            Error error = states.error();
            if (error.sqlState == QLatin1String("25001") &&
                !m_refusedInTransaction.contains(index)) {
                m_refusedInTransaction << index; // PostgreSQL wants it outside a transaction
                continue;
            }
            const bool indexBuild =
                statement.concurrent == lint::StatementClass::Concurrent::CreateIndex;
            const bool retry = !indexBuild || m_c.options.retryAfterInvalidIndex;
            if (retry && m_retry.shouldRetry(error))
                continue;
            return error;
        }
    }

    // A statement that may run in a transaction commits together with its record.
    Result<RelationStates> inOwnTransaction(const lint::StatementClass& statement, int index)
    {
        return inTransaction(m_c.conn, [&]() -> Result<RelationStates> {
            const auto timeouts = stepStatementTimeouts(statement, m_step, m_c.options.timeouts);
            if (auto s = applyTimeouts(m_c.conn, timeouts, true); !s)
                return s.error();
            if (auto r = m_c.conn.exec(statement.text); !r)
                return r.error();
            return recordStatementsInTransaction(m_c, m_step, index + 1);
        });
    }

    // CONCURRENTLY and friends: autocommit, then the record in a transaction of its own. An
    // INVALID index of an earlier failed build is dropped first, and one this build leaves is
    // dropped after a failure, so a retry (or the next apply) can build it again.
    Result<RelationStates> autocommit(const lint::StatementClass& statement, int index)
    {
        if (auto d = dropInvalidIndex(m_c, m_step, statement); !d)
            return d.error();
        const auto timeouts = stepStatementTimeouts(statement, m_step, m_c.options.timeouts);
        if (auto s = applyTimeouts(m_c.conn, timeouts, false); !s)
            return s.error();
        if (auto r = m_c.conn.exec(statement.text); !r) {
            Error error = r.error();
            auto dropped = dropInvalidIndex(m_c, m_step, statement);
            if (dropped && *dropped)
                m_cleaned = statement.index.qualified();
            return error;
        }
        m_cleaned.clear();
        return commitStatementsDone(m_c, m_step, index + 1);
    }

    Error failed(Error error, int index) const
    {
        QString context = QStringLiteral("The step runs outside a transaction: statement %1 of "
                                         "%2 failed; the statements before it stay applied and "
                                         "a re-run of apply continues with it.")
                              .arg(index + 1)
                              .arg(total());
        if (!m_cleaned.isEmpty())
            context += QStringLiteral(" The INVALID index %1 the failed build left was dropped.")
                           .arg(m_cleaned);
        error.context = context;
        return error;
    }

    StepContext& m_c;
    const plan::Step& m_step;
    const std::vector<lint::StatementClass>& m_statements;
    LockRetry m_retry;
    QList<int> m_refusedInTransaction;
    QString m_cleaned; // the INVALID index the last failed build left, dropped
};

} // namespace

Result<StepOutcome> runOutsideTransaction(StepContext& c, const plan::Step& step,
                                          const std::vector<lint::StatementClass>& statements)
{
    StatementWalk walk(c, step, statements);
    return walk.run();
}

} // namespace bellows::exec

#include "exec/step_execution.h"

#include "exec/lock_diagnostics.h"
#include "pq/connection.h"
#include "source/sql_script.h"
#include "sql/quote.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QThread>

#include <algorithm>

namespace bellows::exec {

namespace {

bool isRetryable(const Error& e)
{
    return e.sqlState == QLatin1String("55P03")     // lock_not_available (lock_timeout)
           || e.sqlState == QLatin1String("40P01"); // deadlock_detected
}

QStringList stepRelations(const plan::Step& step)
{
    QStringList out;
    for (const plan::Lock& lock : step.locks)
        if (!lock.relation.isEmpty() && !out.contains(lock.relation))
            out << lock.relation;
    return out;
}

Status setTimeouts(pq::Connection& conn, const plan::Step& step)
{
    // Integers only (no user text): safe to format. 0 means no limit for both settings.
    for (const QString& sql :
         {QStringLiteral("SET lock_timeout = %1").arg(std::max(0, step.lockTimeoutMs)),
          QStringLiteral("SET statement_timeout = %1").arg(std::max(0, step.statementTimeoutMs))})
        if (auto r = conn.exec(sql); !r)
            return r.error();
    return {};
}

// Retries a retryable failure with exponential backoff and jitter, naming who holds locks on
// the step's relations each time, until the policy's count or time runs out.
class Retrier {
public:
    Retrier(StepContext& context, const plan::Step& step) : m_context(context), m_step(step)
    {
        m_clock.start();
    }

    int attempt() const { return m_attempt; }

    // True: wait done, try again. False: give up (`error` gets the blockers appended).
    bool shouldRetry(Error& error)
    {
        const RetryPolicy& policy = m_context.options.retry;
        if (!isRetryable(error) || m_context.cancel.load())
            return false;
        auto holders = lockHolders(m_context.conn, stepRelations(m_step));
        const QString who = holders && !holders->isEmpty()
                                ? holders->join(QStringLiteral("\n    "))
                                : QStringLiteral("(no session holds a lock on the step's tables "
                                                 "now)");
        (void)m_context.ledger.event(m_context.runId, m_step.id, QStringLiteral("lock_wait"),
                                     QStringLiteral("%1; blocked by: %2").arg(error.message, who),
                                     {}, -1, error.sqlState);
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
        const int base = std::min(policy.maxDelayMs, policy.baseDelayMs << std::min(m_attempt, 16));
        const int delay = base / 2 + int(QRandomGenerator::global()->bounded(base / 2 + 1));
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

private:
    StepContext& m_context;
    const plan::Step& m_step;
    QElapsedTimer m_clock;
    int m_attempt = 1;
};

Result<StepOutcome> runTransactional(StepContext& c, const plan::Step& step)
{
    Retrier retrier(c, step);
    for (;;) {
        QString failedAt;
        auto begin = c.conn.exec(QStringLiteral("BEGIN"));
        if (!begin)
            return begin.error();
        auto body = c.conn.exec(step.sql);
        Result<pq::QueryResult> record = body;
        if (body)
            record = c.conn.exec(c.ledger.stepDoneSql(),
                                 c.ledger.stepDoneParams(c.runId, step.id, -1));
        Error error;
        if (body && record) {
            auto commit = c.conn.exec(QStringLiteral("COMMIT"));
            if (commit)
                return StepOutcome{-1, retrier.attempt()};
            error = commit.error();
        } else {
            error = body ? record.error() : body.error();
        }
        (void)c.conn.exec(QStringLiteral("ROLLBACK"));
        if (!retrier.shouldRetry(error)) {
            error.context = QStringLiteral("The step ran in one transaction, which was rolled "
                                           "back: nothing of it was kept.");
            return error;
        }
    }
}

// An INVALID index left by a failed or interrupted CREATE INDEX CONCURRENTLY is dropped the
// same way (reference §2.6), so a retry can build it again.
Result<bool> dropInvalidIndex(StepContext& c, const plan::Step& step, const QString& index)
{
    auto state = c.conn.exec(QStringLiteral("SELECT i.indisvalid FROM pg_index i WHERE "
                                            "i.indexrelid = to_regclass($1)"),
                             {index});
    if (!state)
        return state.error();
    if (state->rows() == 0 || state->boolean(0, 0))
        return false;
    c.say(QStringLiteral("  dropping the INVALID index %1 left by a failed build").arg(index));
    auto drop = c.conn.exec(QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS %1").arg(index));
    if (!drop)
        return drop.error();
    (void)c.ledger.event(c.runId, step.id, QStringLiteral("invalid_index_dropped"),
                         QStringLiteral("dropped the INVALID index %1").arg(index));
    return true;
}

Result<bool> indexIsValid(pq::Connection& conn, const QString& index)
{
    auto r = conn.exec(QStringLiteral("SELECT coalesce((SELECT indisvalid FROM pg_index WHERE "
                                      "indexrelid = to_regclass($1)), false)"),
                       {index});
    if (!r)
        return r.error();
    return r->boolean(0, 0);
}

// CONCURRENTLY and friends refuse to run inside a transaction block, and several of them in
// one simple query would make one: one statement at a time, in autocommit, each recorded.
Result<StepOutcome> runOutsideTransaction(StepContext& c, const plan::Step& step)
{
    auto script = source::splitScript(step.sql, QStringLiteral("step %1").arg(step.id));
    if (!script)
        return script.error();
    const auto& statements = script->statements;
    Retrier retrier(c, step);
    int done = std::clamp(c.statementsAlreadyDone, 0, int(statements.size()));
    if (done > 0)
        c.say(QStringLiteral("  resuming after statement %1 of %2 (done in an earlier run)")
                  .arg(done)
                  .arg(statements.size()));
    while (done < int(statements.size())) {
        const auto& statement = statements[size_t(done)];
        if (statement.kind != source::StatementKind::Sql) {
            Error e;
            e.message = QStringLiteral("psql meta-commands and COPY FROM stdin cannot run in a "
                                       "step");
            return e;
        }
        const QString index = concurrentIndexName(statement.text);
        if (!index.isEmpty()) {
            // A run killed during this build left the index behind: valid means it finished.
            auto valid = indexIsValid(c.conn, index);
            if (!valid)
                return valid.error();
            if (*valid && done == c.statementsAlreadyDone && done > 0) {
                c.say(QStringLiteral("  %1 was built by the interrupted run").arg(index));
                ++done;
                continue;
            }
            if (auto dropped = dropInvalidIndex(c, step, index); !dropped)
                return dropped.error();
        }
        auto result = c.conn.exec(statement.text);
        if (!result) {
            Error error = result.error();
            bool cleaned = false;
            if (!index.isEmpty()) {
                auto dropped = dropInvalidIndex(c, step, index);
                cleaned = dropped && *dropped;
            }
            const bool transient = isRetryable(error) && c.options.retryAfterInvalidIndex;
            if (transient && retrier.shouldRetry(error))
                continue;
            QString context = QStringLiteral("The step runs outside a transaction: statement %1 "
                                             "of %2 failed; the statements before it stay applied "
                                             "and a re-run of apply continues with it.")
                                  .arg(done + 1)
                                  .arg(statements.size());
            if (cleaned)
                context += QStringLiteral(" The INVALID index %1 the failed build left was "
                                          "dropped.")
                               .arg(index);
            error.context = context;
            return error;
        }
        ++done;
        if (auto s = c.ledger.statementsDone(c.runId, step.id, done); !s)
            return s.error();
    }
    if (auto s = c.ledger.stepDone(c.runId, step.id, -1); !s)
        return s.error();
    return StepOutcome{-1, retrier.attempt()};
}

Result<StepOutcome> runBackfillStep(StepContext& c, const plan::Step& step)
{
    auto resume = c.ledger.checkpoint(c.plan.id, step.id);
    if (!resume)
        return resume.error();
    BackfillOptions options;
    options.cancel = &c.cancel;
    options.paused = c.paused;
    options.tuning = c.options.backfill;
    options.checkpoint = CheckpointTarget{c.plan.id, step.id};
    options.resumeFrom = *resume;
    options.progress = c.backfillProgress;
    options.notice = [&](const QString& text) {
        c.say(QStringLiteral("  ") + text);
        (void)c.ledger.event(c.runId, step.id, QStringLiteral("backfill"), text);
    };
    (void)c.ledger.event(c.runId, step.id, QStringLiteral("backfill_statement"),
                         QStringLiteral("batch statement"),
                         backfillBatchSql(*step.backfill, false, step.backfill->batchRows, true));
    auto result = runBackfill(c.conn, *step.backfill, options);
    if (!result) {
        Error e = result.error();
        if (!e.cancelled)
            e.context = QStringLiteral("Each batch commits on its own with its checkpoint: the "
                                       "batches before the failing one are kept, and apply "
                                       "continues after the last of them.");
        return e;
    }
    const qint64 total = (*resume ? (*resume)->rowsDone : 0) + result->updated;
    c.say(QStringLiteral("  %1 row(s) updated, %2 looked at, in %3 batch(es)")
              .arg(result->updated)
              .arg(result->scanned)
              .arg(result->batches));
    if (auto s = c.ledger.finishCheckpoint(c.plan.id, step.id); !s)
        return s.error();
    if (auto s = c.ledger.stepDone(c.runId, step.id, total); !s)
        return s.error();
    return StepOutcome{result->updated, 1};
}

} // namespace

QString concurrentIndexName(const QString& statement)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?)"
                       R"(((?:"(?:[^"]|"")+"|[^\s"(]+))\s+ON\s+(?:ONLY\s+)?)"
                       R"(((?:"(?:[^"]|"")+"|[^\s"(.]+)(?:\.(?:"(?:[^"]|"")+"|[^\s"(]+))?))"),
        QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(statement);
    if (!m.hasMatch())
        return {};
    const QString index = m.captured(1);
    const QStringList table = sql::splitQualifiedName(m.captured(2));
    if (index.contains(QLatin1Char('.')) && !index.startsWith(QLatin1Char('"')))
        return index;
    return table.size() == 2 ? sql::quoteIdent(table.front()) + QLatin1Char('.') + index : index;
}

Result<StepOutcome> executeStep(StepContext& c, const plan::Step& step)
{
    c.conn.setOrigin(step.backfill ? pq::Origin::Backfill : pq::Origin::Step);
    if (auto s = setTimeouts(c.conn, step); !s)
        return s.error();
    if (step.backfill)
        return runBackfillStep(c, step);
    if (step.outsideTransaction)
        return runOutsideTransaction(c, step);
    return runTransactional(c, step);
}

} // namespace bellows::exec

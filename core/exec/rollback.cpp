#include "exec/rollback.h"

#include "plan/step_digest.h"

#include "exec/ledger.h"
#include "exec/runner_lock.h"
#include "exec/statement_timeouts.h"
#include "lint/statement_class.h"
#include "pq/connection.h"

namespace bellows::exec {

namespace {

RollbackReport refusal(const QString& message)
{
    RollbackReport report;
    report.refused = true;
    report.message = message;
    return report;
}

// Nothing to undo for a backfill: it filled a column that the expand step's rollback drops.
bool nothingToUndo(const plan::Step& step)
{
    return step.backfill.has_value();
}

Status runRollbackStatement(pq::Connection& conn, const lint::StatementClass& statement,
                            const plan::Step& step, const lint::TimeoutPolicy& defaults,
                            bool inTransaction)
{
    if (statement.psqlOnly) {
        Error e;
        e.message = QStringLiteral("psql meta-commands cannot run in a rollback");
        return e;
    }
    if (auto s = applyTimeouts(conn, rollbackStatementTimeouts(statement, step, defaults),
                               inTransaction);
        !s)
        return s;
    if (auto r = conn.exec(statement.text); !r)
        return r.error();
    return {};
}

// Each statement of the rollback runs with the timeouts of its own lock class, not the
// forward step's: undoing a VALIDATE (lock_timeout 0) is a DROP CONSTRAINT under ACCESS
// EXCLUSIVE, which gets the short lock_timeout. Statements that must run outside a transaction
// block (DROP INDEX CONCURRENTLY) make the rollback run statement by statement; otherwise it is
// one transaction.
Status runRollbackSql(pq::Connection& conn, const plan::Step& step,
                      const lint::TimeoutPolicy& defaults)
{
    const std::vector<lint::StatementClass> statements = lint::classifyStatements(step.rollbackSql);
    const bool outside = lint::summarize(statements).outsideTransaction;
    if (!outside)
        if (auto r = conn.exec(QStringLiteral("BEGIN")); !r)
            return r.error();
    for (const lint::StatementClass& statement : statements) {
        Status ran = runRollbackStatement(conn, statement, step, defaults, !outside);
        if (!ran) {
            if (!outside)
                (void)conn.exec(QStringLiteral("ROLLBACK"));
            return ran;
        }
    }
    if (!outside)
        if (auto r = conn.exec(QStringLiteral("COMMIT")); !r)
            return r.error();
    return {};
}

} // namespace

Result<RollbackReport> rollbackPlan(const plan::Plan& plan, const QString& conninfo,
                                    const review::Identity& executor,
                                    const std::function<void(const QString&)>& progress)
{
    auto say = [&](const QString& text) {
        if (progress)
            progress(text);
    };
    pq::ConnectOptions connectOptions;
    connectOptions.applicationName = QStringLiteral("bellows runner");
    connectOptions.origin = pq::Origin::Step;
    auto connection = pq::Connection::open(conninfo, connectOptions);
    if (!connection)
        return connection.error();
    pq::Connection& conn = **connection;
    Ledger ledger(conn);
    auto exists = Ledger::exists(conn);
    if (!exists)
        return exists.error();
    if (!*exists)
        return refusal(QStringLiteral("nothing to roll back: no Bellows run is recorded in %1")
                           .arg(conn.describe()));
    QString holder;
    auto locked = tryLockRunner(conn, &holder);
    if (!locked)
        return locked.error();
    if (!*locked)
        return refusal(QStringLiteral("another Bellows runner is working on %1: %2")
                           .arg(conn.describe(), holder));
    const RunnerLockRelease releaseLock(conn);
    if (auto s = ledger.ensureSchema(); !s)
        return s.error();
    if (auto s = ledger.closeAbandonedRuns(); !s)
        return s.error();
    if (auto s = ledger.keepLedgerOffSearchPath(); !s)
        return s.error();
    auto records = ledger.latestSteps(plan.id);
    if (!records)
        return records.error();

    std::vector<const plan::Step*> done;
    for (const plan::Step& s : plan.steps) {
        const auto it = records->find(s.id);
        if (it != records->end() && it->second.status == QLatin1String("done"))
            done.insert(done.begin(), &s); // newest first
    }
    if (done.empty())
        return refusal(QStringLiteral("nothing to roll back: no step of plan %1 is recorded as "
                                      "done in %2")
                           .arg(plan.id, conn.describe()));
    for (const plan::Step* s : done) {
        // The rollback that runs must be the one of the step that ran: the ledger kept the
        // step's digest (its rollback SQL and phase among what it binds) and its phase.
        const StepRecord& record = records->at(s->id);
        if ((!record.stepDigest.isEmpty() && record.stepDigest != plan::stepDigest(plan, s->id)) ||
            record.phase != plan::toString(s->phase))
            return refusal(QStringLiteral("step %1 in this plan file is not the step that ran (its "
                                          "SQL, rollback, phase or place changed since run %2). "
                                          "Nothing was rolled back; use the plan file that ran.")
                               .arg(s->id)
                               .arg(record.runId));
        if (s->phase == plan::Phase::Contract)
            return refusal(QStringLiteral("cannot roll back past contract: step %1 (%2) is done, "
                                          "and what it removed cannot be brought back by Bellows. "
                                          "Restore from a backup or write a new forward plan.")
                               .arg(s->id, s->title));
        if (!s->isReversible() && !nothingToUndo(*s))
            return refusal(QStringLiteral("step %1 (%2) is done and irreversible: %3. Nothing was "
                                          "rolled back.")
                               .arg(s->id, s->title, s->irreversibleReason));
    }

    auto runId = ledger.startRun(plan, executor.isEmpty() ? review::defaultExecutor() : executor);
    if (!runId)
        return runId.error();
    RollbackReport report;
    const lint::TimeoutPolicy timeouts{}; // the short lock_timeout and ordinary statement timeout
    for (const plan::Step* s : done) {
        say(QStringLiteral("rolling back %1: %2").arg(s->id, s->title));
        if (s->isReversible()) {
            if (auto st = runRollbackSql(conn, *s, timeouts); !st) {
                Error e = st.error();
                e.message =
                    QStringLiteral("rollback of step \"%1\" failed: %2").arg(s->id, e.message);
                e.context = QStringLiteral("Rolled back before it: %1.")
                                .arg(report.stepsRolledBack.isEmpty()
                                         ? QStringLiteral("none")
                                         : report.stepsRolledBack.join(QStringLiteral(", ")));
                (void)ledger.event(*runId, s->id, QStringLiteral("rollback_failed"), e.message,
                                   s->rollbackSql, -1, e.sqlState);
                (void)ledger.finishRun(*runId, QStringLiteral("failed"), e.message);
                return e;
            }
        }
        if (auto st = ledger.markRolledBack(plan.id, s->id); !st)
            return st.error();
        (void)ledger.event(*runId, s->id, QStringLiteral("rollback"),
                           QStringLiteral("rolled back %1").arg(s->id), s->rollbackSql);
        report.stepsRolledBack << s->id;
    }
    // The plan starts over: its drift reference is the database as it is now, i.e. as planned.
    (void)conn.exec(QStringLiteral("DELETE FROM bellows.ledger_object_states WHERE plan_id = $1"),
                    {plan.id});
    (void)ledger.finishRun(
        *runId, QStringLiteral("completed"),
        QStringLiteral("rolled back %1 step(s)").arg(report.stepsRolledBack.size()));
    return report;
}

} // namespace bellows::exec

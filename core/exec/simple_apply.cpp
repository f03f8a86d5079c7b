#include "exec/simple_apply.h"

#include "exec/backfill_batches.h"
#include "introspect/introspector.h"
#include "plan/plan_file.h"
#include "pq/connection.h"
#include "source/sql_script.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>
#include <QThread>

#include <algorithm>

namespace bellows::exec {

namespace {

using plan::Phase;
using plan::Plan;
using plan::Step;

ApplyReport refusal(const QString& message)
{
    ApplyReport report;
    report.outcome = ApplyReport::Outcome::Refused;
    report.message = message;
    return report;
}

QString stepList(const QStringList& ids)
{
    return ids.isEmpty() ? QStringLiteral("none") : ids.join(QStringLiteral(", "));
}

// The error of a failed step, with what stays applied: the runner has no ledger yet, so the
// person must know where to pick up.
Error stepError(const Step& step, Error error, const QStringList& done, const QString& within)
{
    error.message =
        QStringLiteral("step \"%1\" (%2) failed: %3").arg(step.id, step.title, error.message);
    QString context = within;
    if (!context.isEmpty())
        context += QLatin1Char('\n');
    context += QStringLiteral("Steps that ran before it stay applied: %1.").arg(stepList(done));
    context += QStringLiteral("\nFix the cause, then run the remaining steps one by one with "
                              "--step ID (a re-run from the start would repeat applied steps).");
    error.context = context;
    return error;
}

Status setTimeouts(pq::Connection& conn, const Step& step)
{
    // Integers only (no user text): safe to format. 0 means no limit for both settings.
    auto result =
        conn.exec(QStringLiteral("SET lock_timeout = %1").arg(std::max(0, step.lockTimeoutMs)));
    if (!result)
        return result.error();
    result = conn.exec(
        QStringLiteral("SET statement_timeout = %1").arg(std::max(0, step.statementTimeoutMs)));
    if (!result)
        return result.error();
    return {};
}

// BEGIN; the step's SQL as one simple query (it may hold several statements); COMMIT.
Status runTransactionOnce(pq::Connection& conn, const Step& step, QString* within)
{
    auto begin = conn.exec(QStringLiteral("BEGIN"));
    if (!begin)
        return begin.error();
    auto body = conn.exec(step.sql);
    if (!body) {
        (void)conn.exec(QStringLiteral("ROLLBACK"));
        *within = QStringLiteral("The step ran in one transaction, which was rolled back: "
                                 "nothing of it was kept.");
        return body.error();
    }
    auto commit = conn.exec(QStringLiteral("COMMIT"));
    if (!commit) {
        *within = QStringLiteral("The step's transaction failed at COMMIT and was rolled back.");
        return commit.error();
    }
    return {};
}

// A lock_timeout expiry rolls the whole transaction back, so trying again is safe; a few
// attempts with growing, jittered pauses (reference §1.3) before giving up.
Status runTransactional(pq::Connection& conn, const Step& step, QString* within,
                        const ApplyOptions& options)
{
    constexpr int kAttempts = 5;
    for (int attempt = 1;; ++attempt) {
        Status status = runTransactionOnce(conn, step, within);
        if (status || status.error().sqlState != QLatin1String("55P03") || attempt == kAttempts ||
            (options.cancel && options.cancel->load()))
            return status;
        const int pauseMs =
            250 * (1 << (attempt - 1)) + int(QRandomGenerator::global()->bounded(250));
        if (options.progress)
            options.progress(QStringLiteral("  lock not granted within %1 ms (attempt %2 of %3); "
                                            "trying again in %4 ms")
                                 .arg(step.lockTimeoutMs)
                                 .arg(attempt)
                                 .arg(kAttempts)
                                 .arg(pauseMs));
        QThread::msleep(pauseMs);
    }
}

// CONCURRENTLY and friends refuse to run inside a transaction block, and several of them in
// one simple query would make one: one statement at a time, in autocommit.
Status runOutsideTransaction(pq::Connection& conn, const Step& step, QString* within)
{
    auto script = source::splitScript(step.sql, QStringLiteral("step %1").arg(step.id));
    if (!script)
        return script.error();
    const auto& statements = script->statements;
    for (size_t i = 0; i < statements.size(); ++i) {
        if (statements[i].kind != source::StatementKind::Sql) {
            Error e;
            e.message = QStringLiteral("psql meta-commands and COPY FROM stdin cannot run in a "
                                       "step");
            return e;
        }
        auto result = conn.exec(statements[i].text);
        if (!result) {
            *within = QStringLiteral("The step runs outside a transaction: statement %1 of %2 "
                                     "failed; the statements before it stay applied. A failed "
                                     "CREATE INDEX CONCURRENTLY leaves an INVALID index behind: "
                                     "drop it before trying again.")
                          .arg(i + 1)
                          .arg(statements.size());
            return result.error();
        }
    }
    return {};
}

Result<ApplyReport> checkDrift(pq::Connection& conn, const Plan& plan, const ApplyOptions& options)
{
    if (plan.sourceFingerprint.isEmpty()) {
        if (options.progress)
            options.progress(QStringLiteral("the plan carries no source fingerprint: the "
                                            "database is not checked for drift"));
        return ApplyReport{};
    }
    conn.setOrigin(pq::Origin::Introspection);
    introspect::IntrospectOptions introspectOptions;
    introspectOptions.cancel = options.cancel;
    auto catalog = introspect::introspect(conn, introspectOptions);
    if (!catalog)
        return catalog.error();
    if (plan::catalogFingerprint(*catalog) != plan.sourceFingerprint)
        return refusal(
            QStringLiteral(
                "the schema of %1 is not the one this plan was made for (%2): it changed since, or "
                "the plan is for another database. Plan again against the database as it is now.")
                .arg(conn.describe(), plan.sourceDescription.isEmpty() ? QStringLiteral("unknown")
                                                                       : plan.sourceDescription));
    if (options.progress)
        options.progress(QStringLiteral("the database schema matches the plan"));
    return ApplyReport{};
}

} // namespace

Result<ApplyReport> applyPlan(const Plan& plan, const QString& conninfo,
                              const ApplyOptions& options)
{
    auto say = [&](const QString& text) {
        if (options.progress)
            options.progress(text);
    };

    if (plan.hasBlockingFindings()) {
        QStringList titles;
        for (const plan::Finding& f : plan.findings)
            if (f.severity == plan::Finding::Severity::Blocking)
                titles << (f.object.isEmpty() ? f.title
                                              : QStringLiteral("%1 (%2)").arg(f.title, f.object));
        return refusal(QStringLiteral("the plan has blocking findings and cannot run as it is: %1")
                           .arg(titles.join(QStringLiteral("; "))));
    }

    std::vector<const Step*> selected;
    if (!options.onlyStep.isEmpty()) {
        const Step* step = plan.step(options.onlyStep);
        if (!step)
            return refusal(QStringLiteral("the plan has no step \"%1\"").arg(options.onlyStep));
        selected.push_back(step);
    } else {
        for (const Step& s : plan.steps)
            if (!options.through || int(s.phase) <= int(*options.through))
                selected.push_back(&s);
    }

    pq::ConnectOptions connectOptions;
    connectOptions.applicationName = QStringLiteral("bellows");
    connectOptions.origin = pq::Origin::Step;
    auto connection = pq::Connection::open(conninfo, connectOptions);
    if (!connection)
        return connection.error();
    pq::Connection& conn = **connection;

    // Only before anything ran: once the first step is applied the schema differs by design,
    // and checking a later start needs the ledger (a later issue).
    if (!selected.empty() && selected.front() == &plan.steps.front()) {
        auto drift = checkDrift(conn, plan, options);
        if (!drift)
            return drift.error();
        if (drift->outcome == ApplyReport::Outcome::Refused)
            return drift;
    } else if (!selected.empty()) {
        say(QStringLiteral("not checking the schema against the plan: the run does not start at "
                           "the plan's first step"));
    }

    ApplyReport report;
    QSet<QString> gatesPassed;
    for (const Step* step : selected) {
        if (options.cancel && options.cancel->load())
            return Error::cancel();
        // Every gate standing before this step's phase that has not been passed yet.
        if (options.onlyStep.isEmpty()) {
            for (const plan::Gate& gate : plan.gates) {
                if (int(gate.before) > int(step->phase) || gatesPassed.contains(gate.id))
                    continue;
                if (options.autoGates) {
                    say(QStringLiteral("gate \"%1\" passed automatically (--gates auto)")
                            .arg(gate.title));
                } else if (!options.confirmGate || !options.confirmGate(gate)) {
                    report.outcome = ApplyReport::Outcome::StoppedAtGate;
                    QStringList remaining;
                    for (auto it = std::find(selected.begin(), selected.end(), step);
                         it != selected.end(); ++it)
                        remaining << (*it)->id;
                    report.message =
                        QStringLiteral("stopped at gate \"%1\": %2 step(s) ran (%3). When the "
                                       "gate is passed, run the remaining steps one by one with "
                                       "--step ID: %4")
                            .arg(gate.title)
                            .arg(report.stepsRun.size())
                            .arg(stepList(report.stepsRun), remaining.join(QStringLiteral(", ")));
                    return report;
                }
                gatesPassed.insert(gate.id);
            }
        }

        say(QStringLiteral("step %1: %2").arg(step->id, step->title));
        QElapsedTimer timer;
        timer.start();
        conn.setOrigin(step->backfill ? pq::Origin::Backfill : pq::Origin::Step);
        QString within;
        Status status = setTimeouts(conn, *step);
        if (status && step->backfill) {
            BackfillOptions backfillOptions;
            backfillOptions.cancel = options.cancel;
            auto backfill = runBackfill(conn, *step->backfill, backfillOptions);
            if (backfill) {
                report.rowsBackfilled += backfill->updated;
                say(QStringLiteral("  %1 row(s) updated, %2 looked at, in %3 batch(es)")
                        .arg(backfill->updated)
                        .arg(backfill->scanned)
                        .arg(backfill->batches));
            } else {
                within = QStringLiteral("Each batch commits on its own: the batches before the "
                                        "failing one stay applied, and a re-run skips rows "
                                        "already done.");
                status = backfill.error();
            }
        } else if (status && step->outsideTransaction) {
            status = runOutsideTransaction(conn, *step, &within);
        } else if (status) {
            status = runTransactional(conn, *step, &within, options);
        }
        if (!status) {
            if (status.error().cancelled)
                return status.error();
            return stepError(*step, status.error(), report.stepsRun, within);
        }
        report.stepsRun << step->id;
        say(QStringLiteral("  done in %1 ms").arg(timer.elapsed()));
    }
    return report;
}

} // namespace bellows::exec

#include "exec/runner.h"

#include "exec/ledger.h"
#include "exec/object_state.h"
#include "exec/runner_lock.h"
#include "exec/step_execution.h"
#include "introspect/introspector.h"
#include "plan/plan_file.h"
#include "pq/connection.h"
#include "review/review_evaluation.h"

#include <QElapsedTimer>
#include <QProcessEnvironment>

#include <libpq-fe.h>
#include <QSet>

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

bool takesStrongLock(const Step& step)
{
    return std::any_of(step.locks.begin(), step.locks.end(), [](const plan::Lock& l) {
        return l.mode == plan::LockMode::Share || l.mode == plan::LockMode::ShareRowExclusive ||
               l.mode == plan::LockMode::Exclusive || l.mode == plan::LockMode::AccessExclusive;
    });
}

QString blockingFindings(const Plan& plan)
{
    QStringList titles;
    for (const plan::Finding& f : plan.findings)
        if (f.severity == plan::Finding::Severity::Blocking)
            titles << (f.object.isEmpty() ? f.title
                                          : QStringLiteral("%1 (%2)").arg(f.title, f.object));
    return titles.join(QStringLiteral("; "));
}

// The whole schema against the plan's source fingerprint: only meaningful before the plan's
// first step ran.
Result<QString> wholeSchemaDrift(pq::Connection& conn, const Plan& plan,
                                 const std::atomic_bool* cancel)
{
    if (plan.sourceFingerprint.isEmpty())
        return QString();
    conn.setOrigin(pq::Origin::Introspection);
    introspect::IntrospectOptions introspectOptions;
    introspectOptions.cancel = cancel;
    auto catalog = introspect::introspect(conn, introspectOptions);
    if (!catalog)
        return catalog.error();
    if (plan::catalogFingerprint(*catalog) == plan.sourceFingerprint)
        return QString();
    QString what;
    if (!plan.sourceObjects.isEmpty()) {
        QStringList differences = plan::objectFingerprintDifferences(
            plan.sourceObjects, plan::catalogObjectFingerprints(*catalog));
        if (differences.size() > 10)
            differences = differences.mid(0, 10) << QStringLiteral("…");
        if (!differences.isEmpty())
            what = QStringLiteral(" Since planning: %1.").arg(differences.join(QStringLiteral("; ")));
    }
    return QStringLiteral(
               "the schema of %1 is not the one this plan was made for (%2): it changed since, or "
               "the plan is for another database.%3 Plan again against the database as it is now.")
        .arg(conn.describe(),
             plan.sourceDescription.isEmpty() ? QStringLiteral("unknown") : plan.sourceDescription,
             what);
}

// The review as the runner judges it: the approvals against the policy, for this executor.
struct ReviewGate {
    review::ReviewRecord record;
    review::ReviewState state;
};

Result<ReviewGate> judgeReview(const Plan& plan, const ApplyOptions& options,
                               const review::Identity& executor)
{
    auto record = review::readReview(plan);
    if (!record)
        return record.error();
    review::EvaluateOptions evaluate;
    evaluate.executor = executor;
    if (record->policy && record->policy->requireSignatures) {
        QString signers = options.allowedSigners;
        if (signers.isEmpty())
            signers = QProcessEnvironment::systemEnvironment().value(
                QStringLiteral("BELLOWS_ALLOWED_SIGNERS"));
        auto checks = review::verifySignatures(plan.id, *record, signers);
        if (!checks)
            return checks.error();
        evaluate.signatures = *checks;
    }
    ReviewGate gate{*record, review::evaluateReview(plan, *record, evaluate)};
    return gate;
}

} // namespace

Runner::Runner(const Plan& plan, QString conninfo, ApplyOptions options)
    : m_plan(plan), m_conninfo(std::move(conninfo)), m_options(std::move(options))
{
}

void Runner::cancel()
{
    m_cancel = true;
    std::lock_guard lock(m_connMutex);
    if (m_conn)
        m_conn->cancel();
}

bool Runner::cancelRequested() const
{
    return m_cancel.load() || (m_options.cancel && m_options.cancel->load());
}

Result<ApplyReport> Runner::run()
{
    const Plan& plan = m_plan;
    auto say = [&](const QString& text) {
        if (m_options.progress)
            m_options.progress(text);
    };
    if (plan.hasBlockingFindings())
        return refusal(QStringLiteral("the plan has blocking findings and cannot run as it is: %1")
                           .arg(blockingFindings(plan)));

    std::vector<const Step*> selected;
    if (!m_options.onlyStep.isEmpty()) {
        const Step* step = plan.step(m_options.onlyStep);
        if (!step)
            return refusal(QStringLiteral("the plan has no step \"%1\"").arg(m_options.onlyStep));
        selected.push_back(step);
    } else {
        for (const Step& s : plan.steps)
            if (!m_options.through || int(s.phase) <= int(*m_options.through))
                selected.push_back(&s);
    }

    // The review policy (opt-in: a plan without one runs as before) is judged before anything
    // connects; which steps it must allow is known once the ledger says what is done.
    const review::Identity executor =
        m_options.executor.isEmpty() ? review::defaultExecutor() : m_options.executor;
    auto reviewGate = judgeReview(plan, m_options, executor);
    if (!reviewGate)
        return reviewGate.error();

    pq::ConnectOptions connectOptions;
    connectOptions.applicationName = QStringLiteral("bellows runner");
    connectOptions.origin = pq::Origin::Step;
    auto connection = pq::Connection::open(m_conninfo, connectOptions);
    if (!connection)
        return connection.error();
    pq::Connection& conn = **connection;
    {
        std::lock_guard lock(m_connMutex);
        m_conn = &conn;
    }
    struct Detach {
        Runner* runner;
        ~Detach()
        {
            std::lock_guard lock(runner->m_connMutex);
            runner->m_conn = nullptr;
        }
    } detach{this};

    Ledger ledger(conn);
    if (auto s = ledger.ensureSchema(); !s)
        return s.error();
    QString holder;
    auto locked = tryLockRunner(conn, &holder);
    if (!locked)
        return locked.error();
    if (!*locked)
        return refusal(QStringLiteral("another Bellows runner is working on %1: %2. Wait for it "
                                      "to finish (bellows-cli status shows its progress).")
                           .arg(conn.describe(), holder));
    const RunnerLockRelease releaseLock(conn);
    if (auto s = ledger.closeAbandonedRuns(); !s)
        return s.error();
    if (auto s = ledger.keepLedgerOffSearchPath(); !s)
        return s.error();

    auto records = ledger.latestSteps(plan.id);
    if (!records)
        return records.error();
    if (reviewGate->state.hasPolicy) {
        QStringList toRun;
        for (const Step* step : selected) {
            const auto record = records->find(step->id);
            if (record == records->end() || record->second.status != QLatin1String("done"))
                toRun << step->id;
        }
        QStringList reasons = review::refusalReasons(reviewGate->state, toRun);
        if (!reasons.isEmpty()) {
            const QString message =
                QStringLiteral("the plan's review policy does not allow %1 to run: %2. Nothing "
                               "ran; see bellows-cli review.")
                    .arg(reasons.size() == 1 ? QStringLiteral("this step")
                                             : QStringLiteral("these steps"),
                         reasons.join(QStringLiteral("; ")));
            auto runId = ledger.startRun(plan, executor);
            if (!runId)
                return runId.error();
            for (const QString& reason : reasons)
                (void)ledger.event(*runId, {}, QStringLiteral("review_refused"), reason);
            (void)ledger.finishRun(*runId, QStringLiteral("refused"), message);
            ApplyReport refused = refusal(message);
            refused.runId = *runId;
            return refused;
        }
    }

    const bool started = std::any_of(records->begin(), records->end(),
                                     [](const auto& r) { return r.second.status != QLatin1String("rolled_back"); });

    // Drift: before anything of the plan ran, the whole schema must be the one planned against;
    // from then on, every relation the plan touches must be as the last step left it.
    const QStringList relations = planRelations(plan);
    auto states = ledger.objectStates(plan.id);
    if (!states)
        return states.error();
    if (!started || states->empty()) {
        if (started)
            say(QStringLiteral("no recorded object states for this plan: taking the database as "
                               "it is now as the reference"));
        else if (selected.front() == &plan.steps.front() || m_options.onlyStep.isEmpty()) {
            auto drift = wholeSchemaDrift(conn, plan, &m_cancel);
            if (!drift)
                return drift.error();
            if (!drift->isEmpty())
                return refusal(*drift);
            say(QStringLiteral("the database schema matches the plan"));
        }
        conn.setOrigin(pq::Origin::Step);
        auto now = describeRelations(conn, relations);
        if (!now)
            return now.error();
        if (auto s = ledger.recordObjectStates(plan.id, {}, *now); !s)
            return s.error();
        *states = *now;
    }

    auto runId = ledger.startRun(plan, executor);
    if (!runId)
        return runId.error();
    ApplyReport report;
    report.runId = *runId;
    auto finish = [&](const QString& outcome, const QString& message) {
        (void)ledger.finishRun(*runId, outcome, message);
    };

    // A gate passed once stays passed for this plan: a re-run does not ask again.
    auto passed = ledger.passedGates(plan.id);
    if (!passed)
        return passed.error();
    QSet<QString> gatesPassed(passed->begin(), passed->end());
    int index = 0;
    for (const Step* step : selected) {
        ++index;
        RunProgress progress{step->id, step->phase, index, int(selected.size()),
                             RunProgress::State::Started, std::nullopt};
        auto notify = [&](RunProgress::State state) {
            progress.state = state;
            if (m_options.stepProgress)
                m_options.stepProgress(progress);
        };
        const auto record = records->find(step->id);
        if (record != records->end() && record->second.status == QLatin1String("done")) {
            if (record->second.sqlSha256 != sha256Hex(step->sql))
                say(QStringLiteral("step %1 was done (run %2) with different SQL than the plan "
                                   "holds now; not running it again")
                        .arg(step->id)
                        .arg(record->second.runId));
            else
                say(QStringLiteral("step %1: already done (run %2)")
                        .arg(step->id)
                        .arg(record->second.runId));
            report.stepsSkipped << step->id;
            notify(RunProgress::State::Skipped);
            continue;
        }
        if (cancelRequested()) {
            finish(QStringLiteral("cancelled"), {});
            return Error::cancel();
        }
        // Every gate standing before this step's phase that has not been passed yet.
        if (m_options.onlyStep.isEmpty()) {
            for (const plan::Gate& gate : plan.gates) {
                if (int(gate.before) > int(step->phase) || gatesPassed.contains(gate.id))
                    continue;
                if (m_options.autoGates) {
                    say(QStringLiteral("gate \"%1\" passed automatically (--gates auto)")
                            .arg(gate.title));
                } else if (!m_options.confirmGate || !m_options.confirmGate(gate)) {
                    report.outcome = ApplyReport::Outcome::StoppedAtGate;
                    report.message =
                        QStringLiteral("stopped at gate \"%1\": %2 step(s) ran (%3). When the "
                                       "work is done, run apply again and confirm the gate (or pass --gates "
                                       "auto): done steps are skipped.")
                            .arg(gate.title)
                            .arg(report.stepsRun.size())
                            .arg(stepList(report.stepsRun));
                    (void)ledger.event(*runId, {}, QStringLiteral("gate"),
                                       QStringLiteral("stopped at gate: %1").arg(gate.title));
                    finish(QStringLiteral("stopped"), report.message);
                    return report;
                }
                (void)ledger.gatePassed(*runId, gate.id, gate.title);
                gatesPassed.insert(gate.id);
            }
        }

        // Drift since the last step (or the run's start).
        conn.setOrigin(pq::Origin::Step);
        auto now = describeRelations(conn, relations);
        if (!now)
            return now.error();
        for (const QString& relation : relations) {
            const QString drift =
                describeDrift(relation, (*states)[relation], (*now)[relation]);
            if (drift.isEmpty())
                continue;
            const QString message =
                QStringLiteral("drift before step %1: %2. Someone changed the database outside "
                               "this plan; plan again against the database as it is now.")
                    .arg(step->id, drift);
            (void)ledger.event(*runId, step->id, QStringLiteral("drift"), message);
            finish(QStringLiteral("refused"), message);
            ApplyReport refused = refusal(message);
            refused.stepsRun = report.stepsRun;
            refused.runId = *runId;
            return refused;
        }

        if (takesStrongLock(*step)) {
            QStringList lockRelations;
            for (const plan::Lock& l : step->locks)
                lockRelations << l.relation;
            auto warnings = preflightWarnings(conn, lockRelations, m_options.preflight);
            if (warnings)
                for (const QString& w : *warnings) {
                    say(QStringLiteral("  pre-flight: %1").arg(w));
                    (void)ledger.event(*runId, step->id, QStringLiteral("preflight"), w);
                }
        }

        say(QStringLiteral("step %1: %2").arg(step->id, step->title));
        notify(RunProgress::State::Started);
        const int previousAttempts = record != records->end() ? record->second.attempts : 0;
        const int statementsDone = record != records->end() && step->outsideTransaction
                                       ? record->second.statementsDone
                                       : 0;
        if (auto s = ledger.stepStarted(*runId, *step, previousAttempts + 1, statementsDone); !s)
            return s.error();
        if (const review::StepReview* r = reviewGate->state.step(step->id))
            if (auto s = ledger.recordApprovals(*runId, reviewGate->record, *r); !s)
                return s.error();
        QElapsedTimer timer;
        timer.start();
        StepContext context{conn,     ledger, *runId, plan,          m_options,
                            m_cancel, &m_paused, say, {}, statementsDone};
        context.backfillProgress = [&](const BackfillProgress& b) {
            progress.backfill = b;
            notify(RunProgress::State::Backfilling);
        };
        auto outcome = executeStep(context, *step);
        if (!outcome) {
            Error error = outcome.error();
            const bool wasCancelled = error.cancelled || cancelRequested();
            conn.setOrigin(pq::Origin::Ledger);
            if (PQtransactionStatus(conn.raw()) != PQTRANS_IDLE)
                (void)conn.exec(QStringLiteral("ROLLBACK"));
            (void)ledger.stepFailed(*runId, step->id,
                                    wasCancelled ? QStringLiteral("cancelled")
                                                 : QStringLiteral("failed"),
                                    error);
            notify(wasCancelled ? RunProgress::State::Cancelled : RunProgress::State::Failed);
            if (wasCancelled) {
                finish(QStringLiteral("cancelled"),
                       QStringLiteral("cancelled during step %1").arg(step->id));
                Error e = Error::cancel();
                e.message = QStringLiteral("cancelled during step \"%1\"; run apply again to "
                                           "continue")
                                .arg(step->id);
                return e;
            }
            error.message = QStringLiteral("step \"%1\" (%2) failed: %3")
                                .arg(step->id, step->title, error.message);
            error.context +=
                QStringLiteral("%1Steps done in this run: %2. Fix the cause and run apply again: "
                               "done steps are skipped.")
                    .arg(error.context.isEmpty() ? QString() : QStringLiteral("\n"),
                         stepList(report.stepsRun));
            finish(QStringLiteral("failed"), error.message);
            return error;
        }
        if (outcome->rows > 0)
            report.rowsBackfilled += outcome->rows;
        report.stepsRun << step->id;
        auto after = describeRelations(conn, relations);
        if (!after)
            return after.error();
        if (auto s = ledger.recordObjectStates(plan.id, step->id, *after); !s)
            return s.error();
        *states = *after;
        notify(RunProgress::State::Done);
        say(QStringLiteral("  done in %1 ms").arg(timer.elapsed()));
    }
    finish(QStringLiteral("completed"), {});
    return report;
}

Result<ApplyReport> applyPlan(const Plan& plan, const QString& conninfo,
                              const ApplyOptions& options)
{
    Runner runner(plan, conninfo, options);
    return runner.run();
}

} // namespace bellows::exec

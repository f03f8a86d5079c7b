#include "exec/runner.h"

#include "exec/drift_check.h"
#include "exec/ledger.h"
#include "exec/object_state.h"
#include "exec/redo.h"
#include "exec/runner_lock.h"
#include "exec/step_execution.h"
#include "plan/step_digest.h"
#include "pq/connection.h"
#include "review/review_evaluation.h"
#include "review/run_signing.h"

#include <QElapsedTimer>
#include <QProcessEnvironment>
#include <QSet>

#include <libpq-fe.h>

#include <algorithm>

namespace bellows::exec {

namespace {

using plan::Phase;
using plan::Plan;
using plan::Step;
using StepRecords = std::map<QString, StepRecord>;

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

bool isDone(const StepRecords& records, const QString& stepId)
{
    const auto it = records.find(stepId);
    return it != records.end() && it->second.status == QLatin1String("done");
}

// Something of the plan ran (a step rolled back since does not count): drift is judged per
// relation from then on, not against the whole schema.
bool hasStarted(const StepRecords& records)
{
    return std::any_of(records.begin(), records.end(), [](const auto& r) {
        return r.second.status != QLatin1String("rolled_back");
    });
}

// An attempt that started and stopped (failed, cancelled, or killed: closeAbandonedRuns marks
// those failed): the next one resumes it. Not a step rolled back, which starts over.
bool wasInterrupted(const StepRecords& records, const QString& stepId)
{
    const auto it = records.find(stepId);
    return it != records.end() && (it->second.status == QLatin1String("failed") ||
                                   it->second.status == QLatin1String("cancelled") ||
                                   it->second.status == QLatin1String("running"));
}

// The review as the runner judges it: the approvals against the policy, for this executor.
struct ReviewGate {
    review::ReviewRecord record;
    review::ReviewState state;
    std::optional<review::RunSignature> runSignature; // when the policy requires signatures
    QString refused;                                  // why the run may not go ahead
};

QString fromEnvironment(const QString& value, const char* variable)
{
    return value.isEmpty() ? QProcessEnvironment::systemEnvironment().value(QLatin1String(variable))
                           : value;
}

Result<ReviewGate> judgeReview(const Plan& plan, const ApplyOptions& options,
                               const review::Identity& executor)
{
    auto record = review::readReview(plan);
    if (!record)
        return record.error();
    review::EvaluateOptions evaluate;
    evaluate.executor = executor;
    ReviewGate gate;
    if (record->policy && record->policy->requireSignatures) {
        const QString signers = fromEnvironment(options.allowedSigners, "BELLOWS_ALLOWED_SIGNERS");
        auto checks = review::verifySignatures(plan.id, *record, signers);
        if (!checks)
            return checks.error();
        evaluate.signatures = *checks;
        // The executor is verified like the approvers, so separation of duties compares
        // verified identities.
        auto signature = review::signRun(
            plan, executor, fromEnvironment(options.signingKey, "BELLOWS_SIGNING_KEY"), signers);
        if (signature) {
            gate.runSignature = *signature;
            evaluate.executorKey = signature->keyFingerprint;
        } else
            gate.refused = signature.error().message + QStringLiteral(" (") +
                           signature.error().hint + QLatin1Char(')');
    }
    gate.record = *record;
    gate.state = review::evaluateReview(plan, *record, evaluate);
    return gate;
}

// The statement an earlier attempt of `step` may have left half recorded: the next one of an
// outside-transaction step, when it is one that must run outside a transaction block (every
// other statement commits with its record).
std::vector<lint::StatementClass> interruptedStatement(const Step& step, const StepRecords& records)
{
    if (step.backfill || !wasInterrupted(records, step.id))
        return {};
    const auto it = records.find(step.id);
    const std::vector<lint::StatementClass> statements = stepStatements(step);
    if (!runsOutsideTransaction(step, statements))
        return {};
    const size_t next = size_t(std::max(0, it->second.statementsDone));
    if (next >= statements.size() || !statements[next].outsideTransaction)
        return {};
    return {statements[next]};
}

QString reviewRefusal(const QStringList& reasons)
{
    return QStringLiteral("the plan's review policy does not allow %1 to run: %2. Nothing ran; "
                          "see bellows-cli review.")
        .arg(reasons.size() == 1 ? QStringLiteral("this step") : QStringLiteral("these steps"),
             reasons.join(QStringLiteral("; ")));
}

QString outOfOrderRefusal(const QString& stepId, const QStringList& unmet)
{
    return QStringLiteral("step %1 cannot run yet: %2. Nothing ran. Run the plan in order, or "
                          "pass --out-of-order (confirmed, with a reason recorded in the "
                          "ledger) to run it anyway.")
        .arg(stepId, unmet.join(QStringLiteral("; ")));
}

} // namespace

// What one run works with once it holds the runner lock.
struct Runner::RunState {
    pq::Connection& conn;
    Ledger& ledger;
    const std::vector<const Step*>& selected;
    const review::Identity& executor;
    const review::ReviewRecord& reviewRecord;
    const review::ReviewState& reviewState;
    StepRecords records = {};               // the latest record of each step
    QStringList relations = {};             // the plan's relations (drift)
    std::map<QString, QString> states = {}; // as last recorded
    qint64 runId = 0;
};

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

void Runner::say(const QString& text) const
{
    if (m_options.progress)
        m_options.progress(text);
}

std::vector<const Step*> Runner::selectSteps() const
{
    std::vector<const Step*> selected;
    if (!m_options.onlyStep.isEmpty()) {
        if (const Step* step = m_plan.step(m_options.onlyStep))
            selected.push_back(step);
        return selected;
    }
    for (const Step& s : m_plan.steps)
        if (!m_options.through || int(s.phase) <= int(*m_options.through))
            selected.push_back(&s);
    return selected;
}

// Refusals that need no database: blocking findings, an unknown step.
std::optional<ApplyReport> Runner::refuseBeforeConnecting() const
{
    if (m_plan.hasBlockingFindings())
        return refusal(QStringLiteral("the plan has blocking findings and cannot run as it is: %1")
                           .arg(blockingFindings(m_plan)));
    if (!m_options.onlyStep.isEmpty() && !m_plan.step(m_options.onlyStep))
        return refusal(QStringLiteral("the plan has no step \"%1\"").arg(m_options.onlyStep));
    if (!m_options.redoStep.isEmpty()) {
        const Step* redo = m_plan.step(m_options.redoStep);
        if (!redo)
            return refusal(
                QStringLiteral("the plan has no step \"%1\" to redo").arg(m_options.redoStep));
        if (const QString why = redoRefusal(*redo); !why.isEmpty())
            return refusal(why);
    }
    return std::nullopt;
}

Result<ApplyReport> Runner::run()
{
    if (auto refused = refuseBeforeConnecting())
        return *refused;
    const std::vector<const Step*> selected = selectSteps();
    if (selected.empty()) {
        // Nothing to connect for: an empty plan (or phase) is done as it is.
        ApplyReport report;
        report.message = m_plan.steps.empty()
                             ? QStringLiteral("nothing to do: the plan has no steps")
                             : QStringLiteral("nothing to do: no step of the plan is selected");
        say(report.message);
        return report;
    }
    if (!m_options.redoStep.isEmpty() &&
        std::none_of(selected.begin(), selected.end(),
                     [&](const Step* s) { return s->id == m_options.redoStep; }))
        return refusal(QStringLiteral("step %1 is not among the steps this apply runs (see "
                                      "--through and --step): nothing to redo")
                           .arg(m_options.redoStep));
    // The review policy (opt-in: a plan without one runs as before) is judged before anything
    // connects; which steps it must allow is known once the ledger says what is done.
    const review::Identity executor =
        m_options.executor.isEmpty() ? review::defaultExecutor() : m_options.executor;
    auto reviewGate = judgeReview(m_plan, m_options, executor);
    if (!reviewGate)
        return reviewGate.error();
    m_runSignature = reviewGate->runSignature;
    m_runSignatureRefusal = reviewGate->refused;

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
    RunState state{conn, ledger, selected, executor, reviewGate->record, reviewGate->state};
    return runLocked(state);
}

// Under the runner lock: the review policy, the drift reference, then the steps.
Result<ApplyReport> Runner::runLocked(RunState& s)
{
    auto records = s.ledger.latestSteps(m_plan.id);
    if (!records)
        return records.error();
    s.records = *records;
    if (!m_options.redoStep.isEmpty() && !isDone(s.records, m_options.redoStep))
        say(QStringLiteral("step %1 is not recorded done: it runs as any step would (--redo "
                           "changes nothing for it)")
                .arg(m_options.redoStep));
    if (auto refused = refuseByReview(s))
        return *refused;
    auto passed = s.ledger.passedGates(m_plan.id);
    if (!passed)
        return passed.error();
    const QStringList unmet = unmetBeforeStep(s, *passed);
    if (!unmet.isEmpty() && !m_options.outOfOrder)
        return refusal(outOfOrderRefusal(m_options.onlyStep, unmet));
    auto reference = setDriftReference(s);
    if (!reference)
        return reference.error();
    if (*reference)
        return **reference;

    auto runId = s.ledger.startRun(m_plan, s.executor);
    if (!runId)
        return runId.error();
    s.runId = *runId;
    if (m_runSignature)
        if (auto r = s.ledger.recordRunSignature(s.runId, m_runSignature->signature,
                                                 m_runSignature->signer);
            !r)
            return r.error();
    if (!unmet.isEmpty())
        if (auto r = recordOutOfOrder(s, unmet); !r)
            return r.error();
    return runSteps(s);
}

QStringList Runner::reviewRefusals(const RunState& s) const
{
    if (!s.reviewState.hasPolicy)
        return {};
    QStringList toRun;
    for (const Step* step : s.selected)
        if (!isDone(s.records, step->id) || step->id == m_options.redoStep)
            toRun << step->id;
    return m_runSignatureRefusal.isEmpty() || toRun.isEmpty()
               ? review::refusalReasons(s.reviewState, toRun)
               : QStringList{m_runSignatureRefusal};
}

std::optional<ApplyReport> Runner::refuseByReview(RunState& s)
{
    const QStringList reasons = reviewRefusals(s);
    if (reasons.isEmpty())
        return std::nullopt;
    const QString message = reviewRefusal(reasons);
    auto runId = s.ledger.startRun(m_plan, s.executor);
    ApplyReport refused = refusal(message);
    if (runId) {
        for (const QString& reason : reasons)
            (void)s.ledger.event(*runId, {}, QStringLiteral("review_refused"), reason);
        (void)s.ledger.finishRun(*runId, QStringLiteral("refused"), message);
        refused.runId = *runId;
    }
    return refused;
}

// Before anything of the plan ran, the whole schema must be the one planned against; from then
// on, every relation the plan touches must be as the ledger last recorded it.
Result<std::optional<ApplyReport>> Runner::setDriftReference(RunState& s)
{
    const bool started = hasStarted(s.records);
    s.relations = planRelations(m_plan);
    auto states = s.ledger.objectStates(m_plan.id);
    if (!states)
        return states.error();
    s.states = *states;
    if (started && !s.states.empty())
        return std::optional<ApplyReport>();
    if (started) {
        say(QStringLiteral("no recorded object states for this plan: taking the database as it "
                           "is now as the reference"));
    } else {
        // Whatever is selected (--step too): a plan that has not started runs only on the
        // schema it was made for, or a plan made on staging could start on production.
        auto drift = wholeSchemaDrift(s.conn, m_plan, &m_cancel);
        if (!drift)
            return drift.error();
        if (!drift->isEmpty())
            return std::optional<ApplyReport>(refusal(*drift));
        say(QStringLiteral("the database schema matches the plan"));
    }
    s.conn.setOrigin(pq::Origin::Step);
    auto now = describeRelations(s.conn, s.relations);
    if (!now)
        return now.error();
    if (auto r = s.ledger.recordObjectStates(m_plan.id, {}, *now); !r)
        return r.error();
    s.states = *now;
    return std::optional<ApplyReport>();
}

Result<ApplyReport> Runner::runSteps(RunState& s)
{
    ApplyReport report;
    report.runId = s.runId;
    // A gate passed once stays passed for this plan: a re-run does not ask again.
    auto passed = s.ledger.passedGates(m_plan.id);
    if (!passed)
        return passed.error();
    QSet<QString> gatesPassed(passed->begin(), passed->end());
    int index = 0;
    for (const Step* step : s.selected) {
        ++index;
        RunProgress progress{
            step->id,    step->phase, index, int(s.selected.size()), RunProgress::State::Started,
            std::nullopt};
        auto notify = [&](RunProgress::State state) {
            progress.state = state;
            if (m_options.stepProgress)
                m_options.stepProgress(progress);
        };
        const bool redo = step->id == m_options.redoStep && isDone(s.records, step->id);
        if (isDone(s.records, step->id) && !redo) {
            reportSkipped(*step, s.records.at(step->id));
            report.stepsSkipped << step->id;
            notify(RunProgress::State::Skipped);
            continue;
        }
        if (cancelRequested()) {
            (void)s.ledger.finishRun(s.runId, QStringLiteral("cancelled"), {});
            return Error::cancel();
        }
        if (m_options.onlyStep.isEmpty())
            if (auto stopped = passGates(s, *step, gatesPassed, report))
                return *stopped;
        auto drift = refuseDrift(s, *step, report);
        if (!drift)
            return drift.error();
        if (*drift)
            return **drift;
        auto outcome = runStep(s, *step, redo, progress, notify);
        if (!outcome)
            return stepFailed(s, *step, outcome.error(), report, notify);
        if (outcome->rows > 0)
            report.rowsBackfilled += outcome->rows;
        report.stepsRun << step->id;
        s.states = outcome->states;
        notify(RunProgress::State::Done);
    }
    (void)s.ledger.finishRun(s.runId, QStringLiteral("completed"), {});
    return report;
}

void Runner::reportSkipped(const Step& step, const StepRecord& record) const
{
    // The digest covers everything that decides what the step does (ledgers before version 4
    // only kept the SQL's hash).
    const bool same = record.stepDigest.isEmpty()
                          ? record.sqlSha256 == sha256Hex(step.sql)
                          : record.stepDigest == plan::stepDigest(m_plan, step.id);
    if (!same)
        say(QStringLiteral("step %1 was done (run %2) as a different step than the plan holds "
                           "now (its SQL, rollback, timeouts or place changed); not running it "
                           "again")
                .arg(step.id)
                .arg(record.runId));
    else
        say(QStringLiteral("step %1: already done (run %2)").arg(step.id).arg(record.runId));
}

// Every gate standing before this step's phase that has not been passed yet.
std::optional<ApplyReport> Runner::passGates(RunState& s, const Step& step,
                                             QSet<QString>& gatesPassed, ApplyReport& report)
{
    for (const plan::Gate& gate : m_plan.gates) {
        if (int(gate.before) > int(step.phase) || gatesPassed.contains(gate.id))
            continue;
        if (m_options.autoGates) {
            say(QStringLiteral("gate \"%1\" passed automatically (--gates auto)").arg(gate.title));
        } else if (!m_options.confirmGate || !m_options.confirmGate(gate)) {
            report.outcome = ApplyReport::Outcome::StoppedAtGate;
            report.message = QStringLiteral("stopped at gate \"%1\": %2 step(s) ran (%3). When "
                                            "the work is done, run apply again and confirm the "
                                            "gate (or pass --gates auto): done steps are "
                                            "skipped.")
                                 .arg(gate.title)
                                 .arg(report.stepsRun.size())
                                 .arg(stepList(report.stepsRun));
            (void)s.ledger.event(s.runId, {}, QStringLiteral("gate"),
                                 QStringLiteral("stopped at gate: %1").arg(gate.title));
            (void)s.ledger.finishRun(s.runId, QStringLiteral("stopped"), report.message);
            return report;
        }
        (void)s.ledger.gatePassed(s.runId, gate.id, gate.title);
        gatesPassed.insert(gate.id);
    }
    return std::nullopt;
}

// Drift since the last recorded statement. A step resumed after a kill may find the effects of
// its own interrupted statement: those are not drift.
Result<std::optional<ApplyReport>> Runner::refuseDrift(RunState& s, const Step& step,
                                                       const ApplyReport& report)
{
    s.conn.setOrigin(pq::Origin::Step);
    auto now = describeRelations(s.conn, s.relations);
    if (!now)
        return now.error();
    const DriftComparison compared =
        compareRelations(s.relations, s.states, *now, interruptedStatement(step, s.records));
    if (!compared.ownEffects.isEmpty()) {
        const QString own = QStringLiteral("the interrupted attempt of step %1 left: %2")
                                .arg(step.id, compared.ownEffects.join(QStringLiteral("; ")));
        say(QStringLiteral("  ") + own);
        (void)s.ledger.event(s.runId, step.id, QStringLiteral("resume"), own);
    }
    if (compared.drift.isEmpty())
        return std::optional<ApplyReport>();
    const QString message =
        QStringLiteral("drift before step %1: %2. Someone changed the database outside this plan; "
                       "plan again against the database as it is now.")
            .arg(step.id, compared.drift.join(QStringLiteral("; ")));
    (void)s.ledger.event(s.runId, step.id, QStringLiteral("drift"), message);
    (void)s.ledger.finishRun(s.runId, QStringLiteral("refused"), message);
    ApplyReport refused = refusal(message);
    refused.stepsRun = report.stepsRun;
    refused.runId = s.runId;
    return std::optional<ApplyReport>(refused);
}

Result<StepOutcome> Runner::runStep(RunState& s, const Step& step, bool redo, RunProgress& progress,
                                    const std::function<void(RunProgress::State)>& notify)
{
    if (takesStrongLock(step)) {
        QStringList lockRelations;
        for (const plan::Lock& l : step.locks)
            lockRelations << l.relation;
        if (auto warnings = preflightWarnings(s.conn, lockRelations, m_options.preflight))
            for (const QString& w : *warnings) {
                say(QStringLiteral("  pre-flight: %1").arg(w));
                (void)s.ledger.event(s.runId, step.id, QStringLiteral("preflight"), w);
            }
    }
    say(QStringLiteral("step %1: %2").arg(step.id, step.title));
    notify(RunProgress::State::Started);
    const auto record = s.records.find(step.id);
    const bool earlier = !redo && wasInterrupted(s.records, step.id);
    const int statementsDone = earlier ? record->second.statementsDone : 0;
    const int attempt = (record != s.records.end() ? record->second.attempts : 0) + 1;
    if (auto r = s.ledger.stepStarted(s.runId, step, attempt, statementsDone,
                                      redo ? redoReason(s) : QString(),
                                      plan::stepDigest(m_plan, step.id));
        !r)
        return r.error();
    if (redo)
        if (auto r = startRedo(s, step); !r)
            return r.error();
    if (const review::StepReview* r = s.reviewState.step(step.id))
        if (auto st = s.ledger.recordApprovals(s.runId, s.reviewRecord, *r); !st)
            return st.error();
    QElapsedTimer timer;
    timer.start();
    StepContext context{s.conn,    s.ledger, s.runId,   m_plan,
                        m_options, m_cancel, &m_paused, [this](const QString& text) { say(text); }};
    context.backfillProgress = [&](const BackfillProgress& b) {
        progress.backfill = b;
        notify(RunProgress::State::Backfilling);
    };
    context.statementsAlreadyDone = statementsDone;
    context.resuming = earlier;
    context.redo = redo;
    context.relations = s.relations;
    auto outcome = executeStep(context, step);
    if (outcome)
        say(QStringLiteral("  done in %1 ms").arg(timer.elapsed()));
    return outcome;
}

// apply --step: what must come first and has not — its dependencies, and the gates before its
// phase (a gate is only passed by a run in order).
QStringList Runner::unmetBeforeStep(const RunState& s, const QStringList& passedGates) const
{
    QStringList unmet;
    const Step* step = m_options.onlyStep.isEmpty() ? nullptr : m_plan.step(m_options.onlyStep);
    if (!step || isDone(s.records, step->id))
        return unmet;
    for (const QString& id : step->dependsOn)
        if (!isDone(s.records, id))
            unmet << QStringLiteral("step %1 it depends on is not done").arg(id);
    for (const plan::Gate& gate : m_plan.gates)
        if (int(gate.before) <= int(step->phase) && !passedGates.contains(gate.id))
            unmet << QStringLiteral("gate %1 (%2) is not passed").arg(gate.id, gate.title);
    return unmet;
}

Status Runner::recordOutOfOrder(RunState& s, const QStringList& unmet)
{
    const QString reason = m_options.outOfOrderReason.trimmed();
    const QString message =
        QStringLiteral("step %1 run out of order by %2 (%3): %4")
            .arg(m_options.onlyStep, s.executor.name, unmet.join(QStringLiteral("; ")),
                 reason.isEmpty() ? QStringLiteral("no reason given") : reason);
    say(QStringLiteral("  ") + message);
    return s.ledger.event(s.runId, m_options.onlyStep, QStringLiteral("out_of_order"), message);
}

QString Runner::redoReason(const RunState& s) const
{
    const QString reason = m_options.redoReason.trimmed();
    return reason.isEmpty() ? QStringLiteral("re-run requested by %1").arg(s.executor.name)
                            : reason;
}

// The redo is on record (who: the run's executor; why: the reason) before anything runs; a
// backfill starts over from the first key.
Status Runner::startRedo(RunState& s, const Step& step)
{
    const auto& record = s.records.at(step.id);
    const QString who = s.executor.email.isEmpty()
                            ? s.executor.name
                            : QStringLiteral("%1 <%2>").arg(s.executor.name, s.executor.email);
    const QString message = QStringLiteral("redo of step %1 (done in run %2) by %3: %4")
                                .arg(step.id)
                                .arg(record.runId)
                                .arg(who, redoReason(s));
    say(QStringLiteral("  ") + message);
    if (auto r = s.ledger.event(s.runId, step.id, QStringLiteral("redo"), message); !r)
        return r;
    if (step.backfill)
        return s.ledger.resetCheckpoints(m_plan.id, step.id);
    return {};
}

Error Runner::stepFailed(RunState& s, const Step& step, Error error, const ApplyReport& report,
                         const std::function<void(RunProgress::State)>& notify)
{
    const bool wasCancelled = error.cancelled || cancelRequested();
    s.conn.setOrigin(pq::Origin::Ledger);
    if (PQtransactionStatus(s.conn.raw()) != PQTRANS_IDLE)
        (void)s.conn.exec(QStringLiteral("ROLLBACK"));
    (void)s.ledger.stepFailed(s.runId, step.id,
                              wasCancelled ? QStringLiteral("cancelled") : QStringLiteral("failed"),
                              error);
    notify(wasCancelled ? RunProgress::State::Cancelled : RunProgress::State::Failed);
    if (wasCancelled) {
        (void)s.ledger.finishRun(s.runId, QStringLiteral("cancelled"),
                                 QStringLiteral("cancelled during step %1").arg(step.id));
        Error e = Error::cancel();
        e.message = QStringLiteral("cancelled during step \"%1\"; run apply again to continue")
                        .arg(step.id);
        return e;
    }
    error.message =
        QStringLiteral("step \"%1\" (%2) failed: %3").arg(step.id, step.title, error.message);
    if (const QString hint = redoHint(m_plan, step, error); !hint.isEmpty())
        error.hint = error.hint.isEmpty() ? hint : error.hint + QStringLiteral("; ") + hint;
    error.context += QStringLiteral("%1Steps done in this run: %2. Fix the cause and run apply "
                                    "again: done steps are skipped.")
                         .arg(error.context.isEmpty() ? QString() : QStringLiteral("\n"),
                              stepList(report.stepsRun));
    (void)s.ledger.finishRun(s.runId, QStringLiteral("failed"), error.message);
    return error;
}

Result<RunForecast> Runner::forecast(bool ledgerOnly)
{
    RunForecast forecast;
    if (auto refused = refuseBeforeConnecting(); refused && !ledgerOnly) {
        forecast.refusal = refused->message;
        return forecast;
    }
    const std::vector<const Step*> selected = selectSteps();
    const review::Identity executor =
        m_options.executor.isEmpty() ? review::defaultExecutor() : m_options.executor;
    auto reviewGate =
        ledgerOnly ? Result<ReviewGate>(ReviewGate{}) : judgeReview(m_plan, m_options, executor);
    if (!reviewGate)
        return reviewGate.error();
    m_runSignatureRefusal = reviewGate->refused;
    pq::ConnectOptions connectOptions;
    connectOptions.applicationName = QStringLiteral("bellows forecast");
    connectOptions.origin = pq::Origin::Ledger;
    auto connection = pq::Connection::open(m_conninfo, connectOptions);
    if (!connection)
        return connection.error();
    pq::Connection& conn = **connection;
    auto exists = Ledger::exists(conn);
    if (!exists)
        return exists.error();
    Ledger ledger(conn);
    forecast.hasLedger = *exists;
    if (forecast.hasLedger) {
        auto records = ledger.latestSteps(m_plan.id);
        auto passed = records ? ledger.passedGates(m_plan.id) : Result<QStringList>(QStringList());
        if (!records || !passed)
            return records ? passed.error() : records.error();
        forecast.records = *records;
        forecast.passedGates = *passed;
    }
    if (ledgerOnly)
        return forecast;
    RunState state{
        conn, ledger, selected, executor, reviewGate->record, reviewGate->state, forecast.records};
    for (const Step* step : selected)
        (isDone(state.records, step->id) && step->id != m_options.redoStep ? forecast.alreadyDone
                                                                           : forecast.toRun)
            << step->id;
    if (const QStringList reasons = reviewRefusals(state); !reasons.isEmpty())
        forecast.refusal = reviewRefusal(reasons);
    forecast.outOfOrder = unmetBeforeStep(state, forecast.passedGates);
    if (forecast.refusal.isEmpty() && !forecast.toRun.isEmpty() && !hasStarted(state.records)) {
        auto drift = wholeSchemaDrift(conn, m_plan, &m_cancel);
        if (!drift)
            return drift.error();
        forecast.refusal = *drift;
    }
    return forecast;
}

Result<ApplyReport> applyPlan(const Plan& plan, const QString& conninfo,
                              const ApplyOptions& options)
{
    Runner runner(plan, conninfo, options);
    return runner.run();
}

} // namespace bellows::exec

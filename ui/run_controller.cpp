#include "run_controller.h"

#include "confirmation_dialog.h"
#include "confirmation_step_model.h"
#include "exec/ledger.h"
#include "gate_dialog.h"
#include "ledger_states.h"
#include "lint/step_facts.h"
#include "plan/plan_render.h"
#include "plan_model.h"
#include "planning_session.h"
#include "pq/conninfo.h"
#include "review/review_evaluation.h"
#include "review/review_record.h"
#include "run_request.h"
#include "workers/forecast_worker.h"
#include "workers/run_worker.h"

#include <QLocale>

namespace bellows::ui {

struct RunController::Pending {
    RunRequest request;
    exec::ApplyOptions options;
    std::shared_ptr<const plan::Plan> plan;
    QString conninfo;
};

namespace {

QString backfillDetail(const exec::BackfillProgress& b)
{
    const QLocale locale = QLocale::system();
    QString text = b.estimatedTotal > 0
                       ? QStringLiteral("%1 of ~%2 rows")
                             .arg(locale.toString(b.scanned), locale.toString(b.estimatedTotal))
                       : QStringLiteral("%1 rows").arg(locale.toString(b.scanned));
    if (b.rowsPerSecond > 0)
        text += QStringLiteral(" · %1 rows/s").arg(locale.toString(qint64(b.rowsPerSecond)));
    if (b.etaSeconds >= 0)
        text += QStringLiteral(" · %1 left").arg(plan::formatDuration(b.etaSeconds));
    return text;
}

// Edited steps the dialog must not wave through: the linter's errors on the edited SQL, and a
// rollback written for the planner's SQL.
void addEditWarnings(RunRequest& request, const PlanModel& model)
{
    const lint::LintOptions options = lint::stepLintOptions(model.plan());
    for (const plan::Step& step : request.steps) {
        if (!step.isEdited())
            continue;
        QStringList warnings;
        for (const lint::Finding& f : lint::lintSql(step.sql, step.id, options).findings)
            if (f.severity == lint::Severity::Error)
                warnings << QStringLiteral("lint error: %1 [%2]").arg(f.message, f.rule);
        if (model.isRollbackStale(step.id))
            request.staleRollbacks.insert(step.id);
        if (model.isRollbackStale(step.id))
            warnings << QStringLiteral("its rollback was written for the planner's SQL, not the "
                                       "edited one (stale)");
        if (!warnings.isEmpty())
            request.editWarnings.insert(step.id, warnings);
    }
}

double backfillFraction(const exec::BackfillProgress& b)
{
    if (b.estimatedTotal <= 0)
        return -1;
    return std::min(1.0, double(b.scanned) / double(b.estimatedTotal));
}

} // namespace

RunController::RunController(PlanModel* model, PlanningSession* session, QWidget* dialogParent)
    : QObject(dialogParent), m_model(model), m_session(session), m_dialogParent(dialogParent)
{
    m_worker = new workers::RunWorker(this);
    connect(m_worker, &workers::RunWorker::progress, this, &RunController::progress);
    connect(m_worker, &workers::RunWorker::gateReached, this, &RunController::gateReached);
    connect(m_worker, &workers::RunWorker::finished, this, &RunController::runFinished);
    connect(m_worker, &workers::RunWorker::failed, this, &RunController::runFailed);
    connect(m_worker, &workers::RunWorker::message, this,
            [this](const QString& text) { setStatus(text); });
    m_confirmForecast = new workers::ForecastWorker(this);
    connect(m_confirmForecast, &workers::ForecastWorker::finished, this,
            &RunController::forecastReady);
    connect(m_confirmForecast, &workers::ForecastWorker::failed, this,
            &RunController::forecastFailed);
    m_ledgerForecast = new workers::ForecastWorker(this);
    connect(m_ledgerForecast, &workers::ForecastWorker::finished, this,
            [this](quint64 generation, const exec::RunForecast& forecast) {
                if (generation != m_ledgerForecast->generation() || m_running)
                    return;
                showLedgerRecords(*m_model, forecast.records);
                Q_EMIT ledgerRead();
            });
}

RunController::~RunController() = default;

bool RunController::isRunning() const
{
    return m_running;
}

RunRequest RunController::baseRequest(const QString& scope) const
{
    RunRequest request;
    const pq::ServerAndDatabase where = pq::serverAndDatabase(m_session->connection().conninfo);
    request.server = where.server;
    request.database = where.database;
    request.environment = m_session->connection().environment;
    request.scope = scope;
    return request;
}

std::vector<plan::Step> RunController::stepsThrough(plan::Phase phase) const
{
    std::vector<plan::Step> steps;
    for (const plan::Step& step : m_model->plan().steps) {
        if (int(step.phase) <= int(phase) && m_model->runState(step.id) != RunState::Done)
            steps.push_back(step);
    }
    return steps;
}

bool RunController::requestStep(const QString& stepId)
{
    const plan::Step* step = m_model->plan().step(stepId);
    if (!step)
        return false;
    RunRequest request = baseRequest(QStringLiteral("Run step: %1").arg(step->title));
    request.steps = {*step};
    exec::ApplyOptions options;
    options.onlyStep = stepId;
    return confirmAndRun(std::move(request), std::move(options));
}

bool RunController::requestPhase(plan::Phase phase)
{
    RunRequest request = baseRequest(QStringLiteral("Run phase %1").arg(plan::phaseTitle(phase)));
    request.steps = stepsThrough(phase);
    if (request.steps.empty())
        return nothingToRun(phase);
    exec::ApplyOptions options;
    options.through = phase;
    return confirmAndRun(std::move(request), std::move(options));
}

bool RunController::requestToGate(const QString& gateId)
{
    const plan::Plan& p = m_model->plan();
    const auto gate = std::find_if(p.gates.begin(), p.gates.end(),
                                   [&](const plan::Gate& g) { return g.id == gateId; });
    if (gate == p.gates.end() || gate->before == plan::allPhases().front())
        return false;
    const plan::Phase last = plan::Phase(int(gate->before) - 1);
    RunRequest request = baseRequest(QStringLiteral("Run to gate: %1").arg(gate->title));
    request.steps = stepsThrough(last);
    if (request.steps.empty())
        return nothingToRun(last);
    exec::ApplyOptions options;
    options.through = last;
    return confirmAndRun(std::move(request), std::move(options));
}

// Said, not silent: the user asked for something and nothing will happen.
bool RunController::nothingToRun(plan::Phase through)
{
    if (!m_running && m_session->isConnected())
        setStatus(QStringLiteral("Nothing to run: every step through %1 is done")
                      .arg(plan::phaseTitle(through)));
    return false;
}

bool RunController::confirmAndRun(RunRequest request, exec::ApplyOptions options)
{
    if (m_running || m_dialog || m_pending || !m_session->isConnected() || request.steps.empty())
        return false;
    if (m_executor.isEmpty())
        m_executor = review::defaultExecutor();
    options.executor = m_executor;
    // What is confirmed is what runs: this plan, on this connection, both copied now.
    m_pending = std::make_unique<Pending>();
    m_pending->request = std::move(request);
    m_pending->options = options;
    m_pending->plan = std::make_shared<const plan::Plan>(m_model->plan());
    m_pending->conninfo = m_session->effectiveConninfo();
    // What the runner will decide comes from the runner itself, read off the GUI thread.
    m_confirmForecast->start(*m_pending->plan, m_pending->conninfo, std::move(options));
    setStatus(QStringLiteral("Checking what the runner will decide (ledger, review policy, "
                             "schema)…"));
    return true;
}

void RunController::abandonPending()
{
    m_pending.reset(); // its forecast's answer is dropped
}

void RunController::forecastReady(quint64 generation, const exec::RunForecast& forecast)
{
    if (generation != m_confirmForecast->generation() || !m_pending)
        return;
    std::unique_ptr<Pending> pending = std::move(m_pending);
    RunRequest& request = pending->request;
    showLedgerRecords(*m_model, forecast.records);
    request.refusal = forecast.refusal;
    request.outOfOrder = forecast.outOfOrder;
    // Exactly the steps the runner will run, from the plan copy; done ones are named.
    request.steps.clear();
    for (const QString& id : forecast.toRun)
        if (const plan::Step* step = pending->plan->step(id))
            request.steps.push_back(*step);
    for (const QString& id : forecast.alreadyDone)
        if (const plan::Step* step = pending->plan->step(id))
            request.alreadyDone << step->title;
    if (Result<review::ReviewRecord> record = review::readReview(*pending->plan))
        applyReview(request, review::evaluateReview(*pending->plan, *record, {m_executor, {}}));
    addEditWarnings(request, *m_model);
    const QStringList undecided = m_undecidedRenames ? m_undecidedRenames() : QStringList();
    if (request.refusal.isEmpty() && !undecided.isEmpty())
        request.refusal = QStringLiteral("a rename proposal is undecided (%1): accept or reject "
                                         "it in the Diff tab first, the plan depends on it")
                              .arg(undecided.join(QStringLiteral("; ")));
    setStatus(QString());
    openConfirmation(std::move(pending));
}

void RunController::forecastFailed(quint64 generation, const Error& error)
{
    if (generation != m_confirmForecast->generation() || !m_pending)
        return;
    std::unique_ptr<Pending> pending = std::move(m_pending);
    pending->request.refusal =
        QStringLiteral("could not read what the runner would decide: %1").arg(error.toString());
    openConfirmation(std::move(pending));
}

void RunController::openConfirmation(std::unique_ptr<Pending> pending)
{
    auto* dialog = new ConfirmationDialog(pending->request, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    std::shared_ptr<Pending> confirmed(std::move(pending));
    connect(dialog, &QDialog::accepted, this, [this, dialog, confirmed] {
        if (!dialog->request().outOfOrder.isEmpty()) {
            confirmed->options.outOfOrder = true;
            confirmed->options.outOfOrderReason = dialog->outOfOrderReason();
        }
        start(*confirmed);
    });
    dialog->open(); // window-modal, returns at once: the event loop keeps running
    Q_EMIT dialogOpened(dialog);
}

void RunController::refreshFromLedger()
{
    if (m_running || !m_session->isConnected() || m_model->plan().steps.empty())
        return;
    exec::ApplyOptions options;
    m_ledgerForecast->start(m_model->plan(), m_session->effectiveConninfo(), std::move(options),
                            true);
}

void RunController::start(const Pending& confirmed)
{
    // The window may have moved on while the dialog was open (another connection, a re-plan):
    // then nothing runs rather than something nobody confirmed.
    QString changed;
    if (m_session->effectiveConninfo() != confirmed.conninfo)
        changed = QStringLiteral("the connection");
    else if (exec::planFingerprint(m_model->plan()) != exec::planFingerprint(*confirmed.plan))
        changed = QStringLiteral("the plan");
    if (!changed.isEmpty()) {
        exec::ApplyReport refused;
        refused.outcome = exec::ApplyReport::Outcome::Refused;
        refused.message = QStringLiteral("%1 changed while the confirmation was open: nothing "
                                         "ran. Run again to confirm what is shown now.")
                              .arg(changed);
        setStatus(refused.message);
        Q_EMIT finished(refused);
        return;
    }
    exec::ApplyOptions options = confirmed.options;
    options.backfill = m_tuning;
    if (!m_worker->start(*confirmed.plan, confirmed.conninfo, std::move(options)))
        return;
    m_running = true;
    m_paused = false;
    Q_EMIT runningChanged(true);
    setStatus(QStringLiteral("Starting the run…"));
}

void RunController::setPaused(bool paused)
{
    if (!m_running || m_paused == paused)
        return;
    m_paused = paused;
    m_worker->setPaused(paused);
    Q_EMIT pausedChanged(paused);
    if (paused)
        setStatus(QStringLiteral("Paused after the current batch (nothing is held meanwhile)"));
}

void RunController::cancel()
{
    if (!m_running)
        return;
    m_worker->cancel();
    setStatus(QStringLiteral("Cancelling: the running statement is being cancelled…"));
}

void RunController::setLockWait(bool waiting)
{
    if (m_currentStep.isEmpty())
        return;
    const RunState now = m_model->runState(m_currentStep);
    if (waiting && now == RunState::Running)
        m_model->setRunState(m_currentStep, RunState::Waiting, -1,
                             QStringLiteral("waiting for a lock"));
    else if (!waiting && now == RunState::Waiting)
        m_model->setRunState(m_currentStep, RunState::Running);
}

void RunController::progress(const exec::RunProgress& p)
{
    using State = exec::RunProgress::State;
    const plan::Step* step = m_model->plan().step(p.stepId);
    const QString title = step ? step->title : p.stepId;
    const QString counter = QStringLiteral("Step %1 of %2").arg(p.stepIndex).arg(p.stepCount);
    switch (p.state) {
    case State::Started:
        m_currentStep = p.stepId;
        m_model->setRunState(p.stepId, RunState::Running);
        setStatus(QStringLiteral("%1: %2").arg(counter, title));
        break;
    case State::Backfilling: {
        const QString detail = p.backfill ? backfillDetail(*p.backfill) : QString();
        const double fraction = p.backfill ? backfillFraction(*p.backfill) : -1;
        m_model->setRunState(p.stepId, RunState::Running, fraction, detail);
        setStatus(QStringLiteral("%1: %2 — %3").arg(counter, title, detail), fraction);
        break;
    }
    case State::Waiting:
        m_model->setRunState(p.stepId, RunState::Waiting, -1, QStringLiteral("waiting for a lock"));
        setStatus(QStringLiteral("%1: waiting for a lock (%2)").arg(counter, title));
        break;
    case State::Done:
    case State::Skipped:
        m_model->setRunState(p.stepId, RunState::Done);
        break;
    case State::Failed:
        m_model->setRunState(p.stepId, RunState::Failed);
        break;
    case State::Cancelled:
        m_model->setRunState(p.stepId, RunState::Cancelled);
        break;
    }
}

void RunController::gateReached(const plan::Gate& gate)
{
    const RunRequest where = baseRequest(QString());
    auto* dialog =
        new GateDialog(gate, where.server, where.database, where.environment, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    connect(dialog, &QDialog::finished, this,
            [this](int result) { m_worker->answerGate(result == QDialog::Accepted); });
    setStatus(QStringLiteral("At the gate: %1").arg(gate.title));
    dialog->open();
    Q_EMIT dialogOpened(dialog);
}

void RunController::runFinished(const exec::ApplyReport& report)
{
    m_running = false;
    m_paused = false;
    m_currentStep.clear();
    Q_EMIT runningChanged(false);
    switch (report.outcome) {
    case exec::ApplyReport::Outcome::Completed:
        setStatus(QStringLiteral("Done: %1 step(s) run, %2 already done")
                      .arg(report.stepsRun.size())
                      .arg(report.stepsSkipped.size()));
        break;
    case exec::ApplyReport::Outcome::StoppedAtGate:
    case exec::ApplyReport::Outcome::Refused:
        setStatus(report.message);
        break;
    }
    Q_EMIT finished(report);
}

void RunController::runFailed(const Error& error)
{
    m_running = false;
    m_paused = false;
    if (!m_currentStep.isEmpty() && (m_model->runState(m_currentStep) == RunState::Running ||
                                     m_model->runState(m_currentStep) == RunState::Waiting))
        m_model->setRunState(m_currentStep,
                             error.cancelled ? RunState::Cancelled : RunState::Failed, -1,
                             error.message);
    m_currentStep.clear();
    Q_EMIT runningChanged(false);
    setStatus(error.cancelled ? QStringLiteral("Cancelled") : QStringLiteral("Failed"));
    Q_EMIT failed(error, stateNow());
}

// What a person needs after a failure: which steps this window saw complete; the ledger in
// the database has the full record (bellows-cli status).
QString RunController::stateNow() const
{
    QStringList done;
    QStringList notDone;
    for (const plan::Step& step : m_model->plan().steps) {
        (m_model->runState(step.id) == RunState::Done ? done : notDone) << step.title;
    }
    if (done.isEmpty())
        return QStringLiteral("No step of this plan completed in this run; a step that fails "
                              "inside a transaction leaves nothing behind.");
    return QStringLiteral("Applied: %1 step(s), last \"%2\". Not applied: %3 step(s). Running "
                          "the same scope again continues where it stopped.")
        .arg(done.size())
        .arg(done.constLast())
        .arg(notDone.size());
}

void RunController::setStatus(const QString& text, double fraction)
{
    m_status = text;
    Q_EMIT statusChanged(text, fraction);
}

} // namespace bellows::ui

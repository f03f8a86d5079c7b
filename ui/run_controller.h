#pragma once

// Runs a plan's steps from the window: Run step / Run phase / Run to gate. Builds what will
// run, asks the confirmation dialog (typed confirmation where needed), then hands the plan to
// the RunWorker; gates the runner reaches open the gate dialog, answered asynchronously. Step
// states and backfill progress go into the PlanModel (the timeline draws them); the outcome
// and errors come back as signals. Nothing here waits on the database.

#include "exec/run_options.h"
#include "plan/plan.h"
#include "review/identity.h"
#include "workers/worker_types.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class QDialog;
class QWidget;

namespace bellows::workers {
class ForecastWorker;
class RunWorker;
} // namespace bellows::workers

namespace bellows::ui {

class PlanModel;
class PlanningSession;
struct RunRequest;

class RunController : public QObject {
    Q_OBJECT
public:
    RunController(PlanModel* model, PlanningSession* session, QWidget* dialogParent);
    ~RunController() override;

    // Each asks the runner's forecast (ledger, review policy, drift) off the GUI thread, then
    // opens the confirmation dialog with its verdict, and returns true; false when a run or a
    // dialog is active, nothing is connected, or there is nothing to run.
    bool requestStep(const QString& stepId);
    bool requestPhase(plan::Phase phase);      // every step not yet done through `phase`
    bool requestToGate(const QString& gateId); // through the phase before the gate

    bool isRunning() const;
    // Drops a request still waiting for its forecast (the connection or the plan changed).
    void abandonPending();
    // Reads the ledger for the plan shown and marks its steps done / failed / running (off the
    // GUI thread; the states arrive by signal). Called on opening a plan and on connecting.
    void refreshFromLedger();
    // Rename proposals the user has not accepted or rejected: nothing runs until they are.
    void setUndecidedRenames(std::function<QStringList()> undecided)
    {
        m_undecidedRenames = std::move(undecided);
    }
    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);
    // The run panel's poll of the runner's session: while it waits for a lock the current step
    // shows "waiting for a lock", not "running".
    void setLockWait(bool waiting);
    void cancel();

    // The confirmation or gate dialog on screen (tests drive it), else null.
    QDialog* activeDialog() const { return m_dialog; }
    QString statusText() const { return m_status; }
    // Tuning for the runs this controller starts (tests slow the backfill down).
    void setTuning(const exec::BackfillTuning& tuning) { m_tuning = tuning; }

Q_SIGNALS:
    void dialogOpened(QDialog* dialog);
    void ledgerRead(); // the step states now show the ledger
    void runningChanged(bool running);
    void pausedChanged(bool paused);
    // Plain words for the status bar, and a backfill's fraction (-1 when unknown).
    void statusChanged(const QString& text, double fraction);
    void finished(const bellows::exec::ApplyReport& report);
    void failed(const bellows::Error& error, const QString& stateNow);

private:
    // A request between Run… and the end of its confirmation: the plan and connection it was
    // made for, copied, so what runs is what was confirmed.
    struct Pending;
    bool confirmAndRun(RunRequest request, exec::ApplyOptions options);
    bool nothingToRun(plan::Phase through);
    void forecastReady(quint64 generation, const exec::RunForecast& forecast);
    void forecastFailed(quint64 generation, const Error& error);
    void openConfirmation(std::unique_ptr<Pending> pending);
    std::vector<plan::Step> stepsThrough(plan::Phase phase) const;
    RunRequest baseRequest(const QString& scope) const;
    void start(const Pending& confirmed);
    void progress(const exec::RunProgress& progress);
    void gateReached(const plan::Gate& gate);
    void runFinished(const exec::ApplyReport& report);
    void runFailed(const Error& error);
    void setStatus(const QString& text, double fraction = -1);
    QString stateNow() const;

    PlanModel* m_model = nullptr;
    PlanningSession* m_session = nullptr;
    QWidget* m_dialogParent = nullptr;
    workers::RunWorker* m_worker = nullptr;
    workers::ForecastWorker* m_confirmForecast = nullptr; // before the confirmation dialog
    workers::ForecastWorker* m_ledgerForecast = nullptr;  // step states from the ledger
    std::unique_ptr<Pending> m_pending; // waiting for its forecast (one at a time)
    std::function<QStringList()> m_undecidedRenames;
    QPointer<QDialog> m_dialog;
    bool m_running = false;
    bool m_paused = false;
    QString m_status;
    QString m_currentStep;
    exec::BackfillTuning m_tuning;
    review::Identity m_executor; // who runs: git's user, or $BELLOWS_AS
};

} // namespace bellows::ui

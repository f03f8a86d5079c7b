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

#include <optional>

class QDialog;
class QWidget;

namespace bellows::workers {
class RunWorker;
}

namespace bellows::ui {

class PlanModel;
class PlanningSession;
struct RunRequest;

class RunController : public QObject {
    Q_OBJECT
public:
    RunController(PlanModel* model, PlanningSession* session, QWidget* dialogParent);
    ~RunController() override;

    // Each opens the confirmation dialog and returns true, or returns false when a run is
    // active, nothing is connected, or there is nothing to run.
    bool requestStep(const QString& stepId);
    bool requestPhase(plan::Phase phase);          // every step not yet done through `phase`
    bool requestToGate(const QString& gateId);     // through the phase before the gate

    bool isRunning() const;
    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);
    void cancel();

    // The confirmation or gate dialog on screen (tests drive it), else null.
    QDialog* activeDialog() const { return m_dialog; }
    QString statusText() const { return m_status; }
    // Tuning for the runs this controller starts (tests slow the backfill down).
    void setTuning(const exec::BackfillTuning& tuning) { m_tuning = tuning; }

Q_SIGNALS:
    void dialogOpened(QDialog* dialog);
    void runningChanged(bool running);
    void pausedChanged(bool paused);
    // Plain words for the status bar, and a backfill's fraction (-1 when unknown).
    void statusChanged(const QString& text, double fraction);
    void finished(const bellows::exec::ApplyReport& report);
    void failed(const bellows::Error& error, const QString& stateNow);

private:
    bool confirmAndRun(RunRequest request, exec::ApplyOptions options);
    std::vector<plan::Step> stepsThrough(plan::Phase phase) const;
    RunRequest baseRequest(const QString& scope) const;
    void start(exec::ApplyOptions options);
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
    QPointer<QDialog> m_dialog;
    bool m_running = false;
    bool m_paused = false;
    QString m_status;
    QString m_currentStep;
    exec::BackfillTuning m_tuning;
    review::Identity m_executor; // who runs: git's user, or $BELLOWS_AS
};

} // namespace bellows::ui

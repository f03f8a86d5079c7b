#pragma once

// The production runner: executes a plan's steps in order against a database, with the
// ledger (schema `bellows`) recording every run, step and batch, one runner per database
// (advisory lock), drift checks before every step, pre-flight warnings before strong locks,
// lock-timeout retries, resumable backfills, and cancellation at any moment. A run killed at any
// point (kill -9, a lost connection) is resumed by the next: the ledger commits together with
// the work it records, and what a statement outside a transaction did is read back from the
// database (docs/runner.md, "Resuming"). It runs on the caller's thread; the GUI calls it from
// a worker and cancels it from the GUI thread.

#include "common/result.h"
#include "exec/ledger.h"
#include "exec/run_options.h"
#include "exec/step_context.h"
#include "plan/plan.h"
#include "review/run_signing.h"

#include <QSet>
#include <QString>

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace bellows::pq {
class Connection;
}

namespace bellows::exec {

class Runner {
public:
    Runner(const plan::Plan& plan, QString conninfo, ApplyOptions options);

    // Refuses (Outcome::Refused, nothing run) a plan with blocking findings, an unknown step,
    // a step to redo that cannot run twice, a database another runner holds, or a database
    // that drifted from what the plan expects. Returns an Error when a step fails or the run is
    // cancelled (Error::cancelled): which step, PostgreSQL's message, and what stays applied.
    // Steps the ledger records as done for this plan are skipped (but ApplyOptions::redoStep),
    // so running it again continues where it stopped. A plan (or selection) without steps is
    // Completed at once, "nothing to do", without connecting.
    Result<ApplyReport> run();

    // Everything run() decides before its first step — refusals (blocking findings, review
    // policy, a schema that drifted before the plan started), out-of-order --step, which steps
    // are already done — read from the database without writing to it or taking the runner
    // lock. What another runner does meanwhile can still change the answer.
    // `ledgerOnly`: just the ledger's records and passed gates (the app's step states): no
    // review judgement (which may sign), no schema comparison.
    Result<RunForecast> forecast(bool ledgerOnly = false);

    // Thread-safe: stops between batches and statements, and cancels the running statement.
    void cancel();
    // Thread-safe: a backfill waits between batches while paused (nothing is held meanwhile).
    void setPaused(bool paused) { m_paused = paused; }

private:
    struct RunState;

    bool cancelRequested() const;
    void say(const QString& text) const;
    std::vector<const plan::Step*> selectSteps() const;
    std::optional<ApplyReport> refuseBeforeConnecting() const;
    Result<ApplyReport> runLocked(RunState& s);
    std::optional<ApplyReport> refuseByReview(RunState& s);
    QStringList reviewRefusals(const RunState& s) const;
    Result<std::optional<ApplyReport>> setDriftReference(RunState& s);
    Result<ApplyReport> runSteps(RunState& s);
    void reportSkipped(const plan::Step& step, const StepRecord& record) const;
    std::optional<ApplyReport> passGates(RunState& s, const plan::Step& step,
                                         QSet<QString>& gatesPassed, ApplyReport& report);
    Result<std::optional<ApplyReport>> refuseDrift(RunState& s, const plan::Step& step,
                                                   const ApplyReport& report);
    Result<StepOutcome> runStep(RunState& s, const plan::Step& step, bool redo,
                                RunProgress& progress,
                                const std::function<void(RunProgress::State)>& notify);
    QStringList unmetBeforeStep(const RunState& s, const QStringList& passedGates) const;
    Status recordOutOfOrder(RunState& s, const QStringList& unmet);
    QString redoReason(const RunState& s) const;
    Status startRedo(RunState& s, const plan::Step& step);
    Error stepFailed(RunState& s, const plan::Step& step, Error error, const ApplyReport& report,
                     const std::function<void(RunProgress::State)>& notify);

    const plan::Plan& m_plan;
    std::optional<review::RunSignature> m_runSignature;
    QString m_runSignatureRefusal; // why the run's own signature does not let it go ahead
    QString m_conninfo;
    ApplyOptions m_options;
    std::atomic_bool m_cancel{false};
    std::atomic_bool m_paused{false};
    std::mutex m_connMutex;
    pq::Connection* m_conn = nullptr; // while run() is connected
};

// Convenience: one Runner, run to the end.
Result<ApplyReport> applyPlan(const plan::Plan& plan, const QString& conninfo,
                              const ApplyOptions& options);

} // namespace bellows::exec

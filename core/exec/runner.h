#pragma once

// The production runner: executes a plan's steps in order against a database, with the
// ledger (schema `bellows`) recording every run, step and batch, one runner per database
// (advisory lock), drift checks before every step, pre-flight warnings before strong locks,
// lock-timeout retries, resumable backfills, and cancellation at any moment. It runs on the
// caller's thread; the GUI calls it from a worker and cancels it from the GUI thread.

#include "common/result.h"
#include "exec/run_options.h"
#include "plan/plan.h"

#include <QString>

#include <atomic>
#include <mutex>

namespace bellows::pq {
class Connection;
}

namespace bellows::exec {

class Runner {
public:
    Runner(const plan::Plan& plan, QString conninfo, ApplyOptions options);

    // Refuses (Outcome::Refused, nothing run) a plan with blocking findings, an unknown step,
    // a database another runner holds, or a database that drifted from what the plan expects.
    // Returns an Error when a step fails or the run is cancelled (Error::cancelled): which
    // step, PostgreSQL's message, and what stays applied. Steps the ledger records as done for
    // this plan are skipped, so running it again continues where it stopped.
    Result<ApplyReport> run();

    // Thread-safe: stops between batches and statements, and cancels the running statement.
    void cancel();
    // Thread-safe: a backfill waits between batches while paused (nothing is held meanwhile).
    void setPaused(bool paused) { m_paused = paused; }

private:
    bool cancelRequested() const;

    const plan::Plan& m_plan;
    QString m_conninfo;
    ApplyOptions m_options;
    std::atomic_bool m_cancel{false};
    std::atomic_bool m_paused{false};
    std::mutex m_connMutex;
    pq::Connection* m_conn = nullptr;   // while run() is connected
};

// Convenience: one Runner, run to the end.
Result<ApplyReport> applyPlan(const plan::Plan& plan, const QString& conninfo,
                              const ApplyOptions& options);

} // namespace bellows::exec

#pragma once

// What the caller (CLI or GUI) chooses about a run, and what the runner reports while it works.

#include "exec/backfill_batches.h"
#include "exec/ledger.h"
#include "exec/lock_diagnostics.h"
#include "exec/retry_policy.h"
#include "lint/statement_class.h"
#include "plan/plan.h"
#include "review/identity.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <map>
#include <optional>

namespace bellows::exec {

struct RunProgress {
    enum class State { Started, Backfilling, Waiting, Done, Skipped, Failed, Cancelled };
    QString stepId;
    plan::Phase phase = plan::Phase::Expand;
    int stepIndex = 0; // 1-based among the steps this run selected
    int stepCount = 0;
    State state = State::Started;
    std::optional<BackfillProgress> backfill;
};

struct ApplyOptions {
    std::optional<plan::Phase> through; // stop after this phase
    QString onlyStep;                   // run this one step (no gates)
    // apply --redo: run this step again although the ledger records it done (a backfill, or a
    // step whose every statement is safe to repeat), recorded with `redoReason` and the executor.
    QString redoStep;
    QString redoReason;
    // apply --step --out-of-order: run the one step although a step it depends on is not done or
    // a gate before it is not passed; recorded as an "out_of_order" event with the reason.
    bool outOfOrder = false;
    QString outOfOrderReason;
    bool autoGates = false; // pass gates with a notice instead of asking
    std::function<bool(const plan::Gate&)> confirmGate; // false: stop before the gate
    std::function<void(const QString&)> progress;       // plain-word lines
    std::function<void(const RunProgress&)> stepProgress;
    const std::atomic_bool* cancel = nullptr; // checked between statements/batches
    RetryPolicy retry;
    BackfillTuning backfill;
    // A statement taking SHARE or stronger whose step carries no lock_timeout gets this one;
    // rollback statements run with these for their own lock class (exec/statement_timeouts.h).
    lint::TimeoutPolicy timeouts;
    PreflightLimits preflight;
    bool retryAfterInvalidIndex = true; // after a transient failure of CREATE INDEX CONCURRENTLY
    // Who runs the plan: recorded in the ledger and checked against the review policy
    // (separation of duties). Empty: review::defaultExecutor() ($BELLOWS_AS, git, $USER).
    review::Identity executor;
    // allowed_signers file for a policy that requires signed approvals. Empty:
    // $BELLOWS_ALLOWED_SIGNERS when set.
    QString allowedSigners;
    // The executor's SSH key: a policy that requires signed approvals requires a signed run
    // (review/run_signing.h). Empty: $BELLOWS_SIGNING_KEY when set.
    QString signingKey;
};

struct ApplyReport {
    enum class Outcome {
        Completed,     // every selected step ran (or was already done)
        StoppedAtGate, // a gate was declined; the steps before it ran
        Refused,       // nothing ran: blocking findings, drift, another runner, unknown step
    };
    Outcome outcome = Outcome::Completed;
    QString message;          // why it stopped or refused, in plain words
    QStringList stepsRun;     // ids, in order
    QStringList stepsSkipped; // already done in an earlier run
    qint64 rowsBackfilled = 0;
    qint64 runId = 0; // bellows.ledger_runs id
};

// What the runner would decide for the same plan, database and options, read without writing
// anything (Runner::forecast): the confirmation dialog shows it before anything is typed, and
// the app marks steps done, failed or running from the ledger.
struct RunForecast {
    QString refusal;        // the run would be refused with this message (nothing would run)
    QStringList outOfOrder; // --step: unmet dependencies and gates; runs only with outOfOrder
    QStringList toRun;      // ids of the steps that would run, in order
    QStringList alreadyDone;
    std::map<QString, StepRecord> records; // the ledger's latest record of each step
    QStringList passedGates;
    bool hasLedger = false;
};

} // namespace bellows::exec

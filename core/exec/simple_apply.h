#pragma once

// The first, correct runner: executes a plan's steps in order on one connection, with the
// step's timeouts, a short transaction per transactional step, CONCURRENTLY statements in
// autocommit, and backfills in keyset batches. No ledger, retries or resume yet (the production
// runner is a later issue): after a failure, earlier steps stay applied.

#include "common/result.h"
#include "plan/plan.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

namespace bellows::exec {

struct ApplyOptions {
    std::optional<plan::Phase> through; // stop after this phase
    QString onlyStep;                   // run this one step (no gates, no drift check)
    bool autoGates = false;             // pass gates with a notice instead of asking
    std::function<bool(const plan::Gate&)> confirmGate; // false: stop before the gate
    std::function<void(const QString&)> progress;
    const std::atomic_bool* cancel = nullptr;
};

struct ApplyReport {
    enum class Outcome {
        Completed,     // every selected step ran
        StoppedAtGate, // a gate was declined; the steps before it ran
        Refused,       // nothing ran: blocking findings, drift, unknown step
    };
    Outcome outcome = Outcome::Completed;
    QString message;      // why it stopped or refused, in plain words
    QStringList stepsRun; // ids, in order
    qint64 rowsBackfilled = 0;
};

// Refuses (Outcome::Refused, nothing run) a plan with blocking findings, an unknown --step id,
// or — when the run starts at the plan's first step — a database whose schema fingerprint
// differs from plan.sourceFingerprint. Returns an Error when a step fails: which step,
// PostgreSQL's message, detail and hint, and which steps stay applied.
Result<ApplyReport> applyPlan(const plan::Plan& plan, const QString& conninfo,
                              const ApplyOptions& options);

} // namespace bellows::exec

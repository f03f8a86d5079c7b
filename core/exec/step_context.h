#pragma once

// What one step's execution sees: the runner's connection and ledger, the run's options, and
// what an earlier, interrupted attempt of the step left (statements done, whether it is being
// resumed). Shared by the transactional, outside-transaction and backfill paths.

#include "exec/backfill_batches.h"
#include "exec/ledger.h"
#include "exec/run_options.h"
#include "plan/plan.h"

#include <QStringList>

#include <atomic>
#include <functional>
#include <map>

namespace bellows::pq {
class Connection;
}

namespace bellows::exec {

struct StepContext {
    pq::Connection& conn;
    Ledger& ledger;
    qint64 runId = 0;
    const plan::Plan& plan;
    const ApplyOptions& options;
    const std::atomic_bool& cancel;
    const std::atomic_bool* paused = nullptr;
    std::function<void(const QString&)> say;
    std::function<void(const BackfillProgress&)> backfillProgress;
    int statementsAlreadyDone = 0; // from an earlier, interrupted attempt (outside-transaction)
    bool resuming = false;         // an earlier attempt of this step started and did not finish
    bool redo = false;             // apply --redo: the step is done and runs again
    QStringList relations;         // the plan's relations, described for the drift checks
};

struct StepOutcome {
    qint64 rows = -1; // backfilled rows
    int attempts = 1;
    // The plan's relations as the step left them, recorded in the same transaction as its done
    // record: the next step's drift check starts from here.
    std::map<QString, QString> states;
};

} // namespace bellows::exec

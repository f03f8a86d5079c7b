#pragma once

// Runs one step of a plan the careful way: its timeouts, lock-timeout retries with the blockers
// named, a transactional step committed together with its ledger record, statements outside a
// transaction resumed from the last one done, a failed CREATE INDEX CONCURRENTLY cleaned up,
// and backfills resumed from their checkpoint.

#include "common/result.h"
#include "exec/ledger.h"
#include "exec/run_options.h"
#include "plan/plan.h"

#include <atomic>
#include <functional>

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
};

struct StepOutcome {
    qint64 rows = -1;      // backfilled rows
    int attempts = 1;
};

// On failure the Error's context says what stays applied ("the transaction was rolled back",
// "statements 1–2 of 3 stay applied", "batches before it are kept").
Result<StepOutcome> executeStep(StepContext& context, const plan::Step& step);

// The index a CREATE [UNIQUE] INDEX CONCURRENTLY statement builds, qualified with the table's
// schema; empty for any other statement.
QString concurrentIndexName(const QString& statement);

} // namespace bellows::exec

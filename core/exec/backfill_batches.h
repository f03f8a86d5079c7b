#pragma once

// Batched backfill of one relation (reference §3): keyset batches over the primary key (any key
// types, composite keys too), or ctid page ranges for a table without one. Each batch is one
// short transaction with an idempotent predicate and a short lock_timeout, retried with backoff
// (exec/batch_retry.h); with a checkpoint target, the batch's statement also records its last key
// in the ledger, in the same transaction, so a run killed at any moment resumes exactly where the
// last committed batch ended. Batch size adapts to a target batch duration; pauses, a duty cycle,
// a rows/s cap and replica lag throttle it. A partitioned table is walked leaf by leaf, each with
// its own checkpoint (exec/backfill_parts.h).

#include "common/result.h"
#include "exec/batch_statements.h"
#include "exec/ledger.h"
#include "exec/retry_policy.h"
#include "plan/plan.h"

#include <QString>

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace bellows::pq {
class Connection;
}

namespace bellows::exec {

// Where a batch records its progress: bellows.ledger_checkpoints (plan id, step id).
struct CheckpointTarget {
    QString planId;
    QString stepId;
};

struct BackfillTuning {
    int targetBatchMs = 200;          // batch size adapts toward this duration
    int maxBatchMs = 1000;            // a batch over this shrinks the next one at once
    int pauseMs = 0;                  // fixed pause after every batch
    double dutyCycle = 1.0;           // share of wall time spent in batches (0 < d <= 1)
    double maxRowsPerSecond = 0;      // 0: no cap
    double maxReplicaLagSeconds = 10; // pause while a replica lags more (0: ignore)
    int minBatchRows = 10;
    int maxBatchRows = 50000;
    // Each batch's lock_timeout: a row an application transaction holds must not stall the
    // batch (which meanwhile holds its own row locks) for long. The batch is retried.
    int lockTimeoutMs = 500;
};

struct BackfillProgress {
    qint64 batches = 0;
    qint64 scanned = 0; // keys (or rows on pages) looked at
    qint64 updated = 0;
    qint64 estimatedTotal = -1; // the table's estimated rows; -1 unknown
    double rowsPerSecond = 0;
    double etaSeconds = -1;
    int batchRows = 0;
};

struct BackfillOptions {
    const std::atomic_bool* cancel = nullptr;
    const std::atomic_bool* paused = nullptr; // waits between batches while set
    std::function<void(const BackfillProgress&)> progress;
    std::function<void(const QString&)> notice; // throttling, resume, fallbacks, retries
    BackfillTuning tuning;
    RetryPolicy retry; // lock/statement timeouts of one batch
    std::optional<CheckpointTarget> checkpoint;
    std::vector<Checkpoint> resumeFrom; // continue after these (one per part)
};

struct BackfillResult {
    qint64 batches = 0;
    qint64 scanned = 0;
    qint64 updated = 0;
};

// Runs batches over one relation on `conn` (autocommit: each batch is its own transaction) until
// every key (or page) has been looked at. `backfill` names the relation itself (a leaf
// partition, or the plain table); `part` is its checkpoint's part ('' for a plain table),
// `resume` that part's checkpoint. `progress` accumulates over the parts of one backfill.
Result<BackfillResult> runRelationBackfill(pq::Connection& conn, const plan::Backfill& backfill,
                                           const QString& part,
                                           const std::optional<Checkpoint>& resume,
                                           const BackfillOptions& options,
                                           BackfillProgress& progress);

} // namespace bellows::exec

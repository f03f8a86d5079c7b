#pragma once

// Batched backfill (reference §3): keyset batches over the primary key (any key types,
// composite keys too), or ctid page ranges for a table without one. Each batch is one short
// transaction with an idempotent predicate; with a checkpoint target, the batch's statement
// also records its last key in the ledger, in the same transaction, so a run killed at any
// moment resumes exactly where the last committed batch ended. Batch size adapts to a target
// batch duration; pauses, a duty cycle, a rows/s cap and replica lag throttle it.

#include "common/result.h"
#include "exec/ledger.h"
#include "plan/plan.h"

#include <QString>

#include <atomic>
#include <functional>
#include <optional>

namespace bellows::pq {
class Connection;
}

namespace bellows::exec {

// Where a batch records its progress: bellows.ledger_checkpoints (plan id, step id).
struct CheckpointTarget {
    QString planId;
    QString stepId;
};

// The statement one keyset batch runs. It takes the next `batchRows` keys in key order after the
// previous batch's last key ($1.., one parameter per key column; left out when `first`),
// updates those of them matching the pending predicate, and returns one row: keys scanned,
// rows updated, then the last key's columns as text. No row back: the key scan is exhausted.
// With a checkpoint, three more parameters follow the keys (plan id, step id, estimated rows).
QString backfillBatchSql(const plan::Backfill& backfill, bool first, int batchRows,
                         bool checkpoint = false);
inline QString backfillBatchSql(const plan::Backfill& backfill, bool first)
{
    return backfillBatchSql(backfill, first, backfill.batchRows);
}

// The statement of one ctid batch: rows on pages [$1, $2) matching the pending predicate.
// Returns rows updated. With a checkpoint: $3 plan id, $4 step id, $5 estimated rows.
QString pageRangeBatchSql(const plan::Backfill& backfill, bool checkpoint = false);

struct BackfillTuning {
    int targetBatchMs = 200;      // batch size adapts toward this duration
    int maxBatchMs = 1000;        // a batch over this shrinks the next one at once
    int pauseMs = 0;              // fixed pause after every batch
    double dutyCycle = 1.0;       // share of wall time spent in batches (0 < d <= 1)
    double maxRowsPerSecond = 0;  // 0: no cap
    double maxReplicaLagSeconds = 10; // pause while a replica lags more (0: ignore)
    int minBatchRows = 10;
    int maxBatchRows = 50000;
};

struct BackfillProgress {
    qint64 batches = 0;
    qint64 scanned = 0;         // keys (or rows on pages) looked at
    qint64 updated = 0;
    qint64 estimatedTotal = -1; // the table's estimated rows; -1 unknown
    double rowsPerSecond = 0;
    double etaSeconds = -1;
    int batchRows = 0;
};

struct BackfillOptions {
    const std::atomic_bool* cancel = nullptr;
    const std::atomic_bool* paused = nullptr;     // waits between batches while set
    std::function<void(const BackfillProgress&)> progress;
    std::function<void(const QString&)> notice;   // throttling, resume, fallbacks
    BackfillTuning tuning;
    std::optional<CheckpointTarget> checkpoint;
    std::optional<Checkpoint> resumeFrom;         // continue after this checkpoint
};

struct BackfillResult {
    qint64 batches = 0;
    qint64 scanned = 0;
    qint64 updated = 0;
};

// Runs batches on `conn` (autocommit: each batch is its own transaction) until every key (or
// page) has been looked at.
Result<BackfillResult> runBackfill(pq::Connection& conn, const plan::Backfill& backfill,
                                   const BackfillOptions& options = {});

} // namespace bellows::exec

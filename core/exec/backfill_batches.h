#pragma once

// Batched backfill (reference §3.1): keyset over the primary key, one short transaction per
// batch, each batch touching only rows that still need work.

#include "common/result.h"
#include "plan/plan.h"

#include <QString>

#include <atomic>
#include <functional>

namespace bellows::pq {
class Connection;
}

namespace bellows::exec {

// The statement one batch runs. It takes the next `batchRows` keys in key order after the
// previous batch's last key ($1.. , one parameter per key column; left out when `first`),
// updates those of them matching the pending predicate, and returns one row: keys scanned,
// rows updated, then the last key's columns as text. No row back: the key scan is exhausted.
QString backfillBatchSql(const plan::Backfill& backfill, bool first);

struct BackfillOptions {
    const std::atomic_bool* cancel = nullptr;
    std::function<void(qint64 scanned, qint64 updated)> progress;
};

struct BackfillResult {
    qint64 batches = 0;
    qint64 scanned = 0;
    qint64 updated = 0;
};

// Runs batches on `conn` (autocommit: each batch is its own transaction) until the key scan is
// exhausted. Refuses a backfill without key columns (ctid ranges are not implemented yet).
Result<BackfillResult> runBackfill(pq::Connection& conn, const plan::Backfill& backfill,
                                   const BackfillOptions& options = {});

} // namespace bellows::exec

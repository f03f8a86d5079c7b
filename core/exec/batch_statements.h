#pragma once

// The SQL text of one backfill batch, as the runner sends it (exec/backfill_batches.h runs it):
// pure text from the plan's Backfill fields, nothing that touches a connection, so the plan
// reader can check a backfill step's sql against it.

#include "plan/plan.h"

#include <QString>

namespace bellows::exec {

// The statement one keyset batch runs. It takes the next `batchRows` keys in key order after the
// previous batch's last key ($1.., one parameter per key column; left out when `first`),
// updates those of them matching the pending predicate, and returns one row: keys scanned,
// rows updated, then the last key's columns as text. No row back: the key scan is exhausted.
// With a checkpoint, four more parameters follow the keys (plan id, step id, estimated rows,
// part: the leaf partition's name, '' for a plain table).
QString backfillBatchSql(const plan::Backfill& backfill, bool first, int batchRows,
                         bool checkpoint = false);
inline QString backfillBatchSql(const plan::Backfill& backfill, bool first)
{
    return backfillBatchSql(backfill, first, backfill.batchRows);
}

// The statement of one ctid batch: rows on pages [$1, $2) matching the pending predicate.
// Returns rows updated. With a checkpoint: $3 plan id, $4 step id, $5 estimated rows, $6 part.
QString pageRangeBatchSql(const plan::Backfill& backfill, bool checkpoint = false);

// What a backfill step shows and approvals bind: the statement one batch runs, exactly as the
// runner sends it (keyset over the key, or ctid page ranges without one; with its checkpoint),
// after a comment naming its parameters. The planner stores it as the step's sql, and the plan
// reader refuses a backfill step whose sql is anything else. The first batch of a keyset walk
// leaves out the key condition; a batch's row count adapts (batchRows is where it starts); a
// partitioned table runs it per leaf partition, the leaf's name in place of the table.
QString backfillStatementText(const plan::Backfill& backfill);

} // namespace bellows::exec

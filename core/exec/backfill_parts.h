#pragma once

// The relations a backfill walks. A plain table is one part (its checkpoint's part is ''). A
// partitioned table holds no rows itself: its leaf partitions are found at run time (pg_inherits,
// so partitions attached after planning count too) and each is walked on its own — by the key
// when the table has one, by ctid page ranges otherwise — with its own checkpoint, so a killed
// run resumes inside the leaf it was on and skips the leaves already finished.

#include "common/result.h"
#include "exec/backfill_batches.h"

#include <vector>

namespace bellows::pq {
class Connection;
}

namespace bellows::exec {

struct BackfillPart {
    QString part; // the checkpoint's part: '' for a plain table, else schema.leaf
    QString schema;
    QString table;
    qint64 estimatedRows = -1;
};

Result<std::vector<BackfillPart>> backfillParts(pq::Connection& conn,
                                                const plan::Backfill& backfill);

// Walks every part, each from its checkpoint in options.resumeFrom; parts whose checkpoint is
// finished are skipped. `partFinished` is told about each part walked to its end.
Result<BackfillResult> runBackfill(pq::Connection& conn, const plan::Backfill& backfill,
                                   const BackfillOptions& options,
                                   const std::function<Status(const QString& part)>& partFinished);

// Whether any row of the table (every partition) still matches the pending predicate; false
// when the backfill has none.
Result<bool> rowsStillPending(pq::Connection& conn, const plan::Backfill& backfill);

} // namespace bellows::exec

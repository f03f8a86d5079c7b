#pragma once

// A backfill step: checkpointed batches over every part of the table (exec/backfill_parts.h),
// resumed from the checkpoints, and recorded done only when no row matches the pending
// predicate any more: the check runs in the same transaction as the done record.

#include "common/result.h"
#include "exec/step_context.h"

namespace bellows::exec {

Result<StepOutcome> runBackfillStep(StepContext& c, const plan::Step& step);

} // namespace bellows::exec

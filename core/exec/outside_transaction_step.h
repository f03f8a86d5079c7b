#pragma once

// A step that must run outside a transaction block (CREATE INDEX CONCURRENTLY and friends), one
// statement at a time, resumable after a kill at any point (see exec/step_execution.h).

#include "common/result.h"
#include "exec/step_context.h"
#include "lint/statement_class.h"

#include <vector>

namespace bellows::exec {

Result<StepOutcome> runOutsideTransaction(StepContext& c, const plan::Step& step,
                                          const std::vector<lint::StatementClass>& statements);

} // namespace bellows::exec

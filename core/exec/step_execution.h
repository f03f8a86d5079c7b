#pragma once

// Runs one step of a plan the careful way. Each statement runs with the timeouts of its own lock
// class (exec/statement_timeouts.h), and lock timeouts are retried with the blockers named. A
// transactional step runs in one transaction that also holds its done record and the state of
// the plan's relations, so it is applied and recorded, or neither. A step that must run outside
// a transaction block runs one statement at a time: each statement that may run in a
// transaction commits together with its record; each that may not is recorded right after it,
// and a run that died in between finds out what it did from the database
// (exec/interrupted_statement.h). A backfill runs in checkpointed batches (exec/backfill_step.h).

#include "common/result.h"
#include "exec/step_context.h"
#include "lint/statement_class.h"

#include <vector>

namespace bellows::exec {

// On failure the Error's context says what stays applied ("the transaction was rolled back",
// "statements 1–2 of 3 stay applied", "batches before it are kept").
Result<StepOutcome> executeStep(StepContext& context, const plan::Step& step);

// The step's statements as the runner runs them, classified from their parse trees.
std::vector<lint::StatementClass> stepStatements(const plan::Step& step);
// Whether the runner runs the step statement by statement outside a transaction block: the
// plan says so, or one of its statements must.
bool runsOutsideTransaction(const plan::Step& step,
                            const std::vector<lint::StatementClass>& statements);

// The index a CREATE [UNIQUE] INDEX CONCURRENTLY statement builds, qualified with the table's
// schema; empty for any other statement. From the parse tree.
QString concurrentIndexName(const QString& statement);

} // namespace bellows::exec

#pragma once

// The ledger records that must commit together with the work they describe. The state of the
// plan's relations (for drift checks) is recorded in the same transaction as a step's done
// record, or as the statements-done count of an outside-transaction step, so a run killed at
// any moment leaves a ledger that matches the database: never a step done whose effects read as
// drift, never a statement counted done that did not commit.

#include "common/result.h"
#include "exec/step_context.h"

#include <map>

namespace bellows::exec {

using RelationStates = std::map<QString, QString>;

// Inside the caller's open transaction.
Result<RelationStates> recordStepDoneInTransaction(StepContext& c, const plan::Step& step,
                                                   qint64 rows);
Result<RelationStates> recordStatementsInTransaction(StepContext& c, const plan::Step& step,
                                                     int statementsDone);

// In a transaction of their own (after a statement that must run outside one).
Result<RelationStates> commitStatementsDone(StepContext& c, const plan::Step& step,
                                            int statementsDone);
Result<RelationStates> commitStepDone(StepContext& c, const plan::Step& step, qint64 rows);

// BEGIN … fn … COMMIT, rolled back when fn or the commit fails.
Result<RelationStates> inTransaction(pq::Connection& conn,
                                     const std::function<Result<RelationStates>()>& fn);

} // namespace bellows::exec

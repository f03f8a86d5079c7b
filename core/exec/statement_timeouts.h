#pragma once

// The lock_timeout and statement_timeout each statement runs with, decided per statement from
// its parse tree (lint/statement_class.h) and the step it belongs to (reference §1.3):
//
//   * a statement that waits for older transactions by design (CONCURRENTLY, VALIDATE) runs
//     with lock_timeout 0, whatever the step says;
//   * a statement taking SHARE or stronger runs with the step's lock_timeout, or the run's
//     short default when the step carries none (an older plan, a comment that misled an older
//     planner, a rollback of a VALIDATE step);
//   * anything else runs with the step's own settings.
//
// Rollback SQL runs with the timeouts of its own class, not of the forward step: the DROP
// CONSTRAINT that undoes a VALIDATE gets the short lock_timeout and the ordinary statement
// timeout.

#include "common/result.h"
#include "lint/statement_class.h"
#include "plan/plan.h"

namespace bellows::pq {
class Connection;
}

namespace bellows::exec {

lint::Timeouts stepStatementTimeouts(const lint::StatementClass& statement, const plan::Step& step,
                                     const lint::TimeoutPolicy& defaults);
lint::Timeouts rollbackStatementTimeouts(const lint::StatementClass& statement,
                                         const plan::Step& step,
                                         const lint::TimeoutPolicy& defaults);

// SET [LOCAL] lock_timeout, statement_timeout (LOCAL inside a transaction block).
Status applyTimeouts(pq::Connection& conn, const lint::Timeouts& timeouts, bool local);

} // namespace bellows::exec

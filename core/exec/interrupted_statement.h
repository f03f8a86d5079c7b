#pragma once

// Statements that must run outside a transaction block commit on their own, before the runner
// can record them: a runner killed (or a connection lost) during one leaves the next run to find
// out from the database what it did. Only those statements can have unrecorded effects — every
// other statement commits together with its ledger record (exec/step_records.h).
//
//   CREATE INDEX CONCURRENTLY   valid index: it finished, recorded as done; INVALID: dropped
//                               concurrently and built again
//   DROP INDEX CONCURRENTLY     index gone: done; still there (valid or not): run again
//   REINDEX … CONCURRENTLY      INVALID _ccnew/_ccold leftovers dropped, then run again
//   DETACH … CONCURRENTLY       detached: done; "detach pending": FINALIZE, done
//   anything else (VACUUM, …)   run again
//
// The same knowledge tells the drift check which differences are the interrupted statement's
// own effects rather than someone else's change.

#include "common/result.h"
#include "exec/step_context.h"
#include "lint/statement_class.h"

#include <QString>

namespace bellows::exec {

// True when the statement's work is complete in the database (count it done); false when it
// must run (again). Leftovers that would stop it (an INVALID index) are dropped first.
Result<bool> finishedByEarlierAttempt(StepContext& c, const plan::Step& step,
                                      const lint::StatementClass& statement);

// The INVALID index a failed or interrupted CREATE INDEX CONCURRENTLY left, dropped
// concurrently (reference §2.6) so the build can run again. True when one was dropped.
Result<bool> dropInvalidIndex(StepContext& c, const plan::Step& step,
                              const lint::StatementClass& statement);

// Whether `statement` explains a drift difference: `relation` appearing or disappearing as a
// whole, or one line of its description (object_state.h) changing.
bool explainsRelation(const lint::StatementClass& statement, const QString& relation);
bool explainsLine(const lint::StatementClass& statement, const QString& line);

// The index a description line ("index CREATE [UNIQUE] INDEX name ON …") is about, unquoted;
// empty for other lines.
QString indexNameOfLine(const QString& line);

} // namespace bellows::exec

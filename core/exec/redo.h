#pragma once

// apply --redo STEP: running a step again although the ledger records it done. A backfill can
// always run again (its predicate only touches rows still needing work; its checkpoints are
// reset so it walks the whole table); any other step only when every statement of it is safe to
// repeat (VALIDATE CONSTRAINT, IF [NOT] EXISTS, CREATE OR REPLACE, …, from the parse tree).
// A verify or validate step that fails because rows still need work points at the backfill to
// redo.

#include "common/error.h"
#include "exec/ledger.h"
#include "plan/plan.h"

#include <QString>
#include <QStringList>

#include <map>

namespace bellows::exec {

// "" when `step` may be redone; otherwise why not, in plain words.
QString redoRefusal(const plan::Step& step);

// The backfill steps whose work `step` checks: those it depends on (transitively), else those
// on a table it locks.
QStringList backfillsChecked(const plan::Plan& plan, const plan::Step& step);

// For a failed step whose error says rows violate a constraint (check or not-null violation):
// the hint to redo the backfill; empty otherwise.
QString redoHint(const plan::Plan& plan, const plan::Step& step, const Error& error);

} // namespace bellows::exec

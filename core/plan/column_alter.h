#pragma once

// The one-statement column change several recipes share: ALTER TABLE … ALTER COLUMN … under a
// brief ACCESS EXCLUSIVE (identity, generated expressions).

#include "diff/change.h"
#include "plan/plan.h"

#include <QString>

namespace bellows::plan::recipes::detail {

// ALTER TABLE schema.table ALTER COLUMN column <clause>;
QString alterColumn(const diff::Change& change, const QString& column, const QString& clause);

// A step on `column` of the change's table in `phase`, id "<phase>:<action>:s.t.column",
// declaring the brief ACCESS EXCLUSIVE of a catalog update.
Step columnAlterStep(const diff::Change& change, Phase phase, const QString& action,
                     const QString& column, const QString& referenceRow);

} // namespace bellows::plan::recipes::detail

#pragma once

// Undoing a partly applied plan: the rollback SQL of completed reversible steps, newest first,
// under the same runner lock and ledger as apply. Past contract there is no way back (old
// columns and tables are gone), so a plan with a done contract step is refused.

#include "common/result.h"
#include "plan/plan.h"
#include "review/identity.h"

#include <QStringList>

#include <functional>

namespace bellows::exec {

struct RollbackReport {
    bool refused = false;
    QString message;
    QStringList stepsRolledBack; // in the order they were undone
};

// `executor` is who rolls back (rollback --as), recorded in the ledger run like apply's.
// Empty: review::defaultExecutor() ($BELLOWS_AS, git config user.name, $USER).
Result<RollbackReport> rollbackPlan(const plan::Plan& plan, const QString& conninfo,
                                    const review::Identity& executor = {},
                                    const std::function<void(const QString&)>& progress = {});

} // namespace bellows::exec

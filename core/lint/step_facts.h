#pragma once

// The facts of a step a person edited, read from the edited SQL's parse tree and the linter's
// findings — never the planner's description of the SQL it wrote: locks (mode and relation,
// brief or held for the work), the work, hazards, whether it runs outside a transaction, and its
// timeouts. The app re-derives an edited step with these, so the facts, risk and confirmation
// follow the SQL that will actually run.

#include "lint/linter.h"
#include "lint/statement_class.h"
#include "plan/plan.h"

namespace bellows::lint {

struct StepFacts {
    std::vector<plan::Lock> locks; // one per relation, the strongest mode
    plan::Work work = plan::Work::None;
    std::vector<plan::Hazard> hazards; // one per kind, the first explanation
    bool outsideTransaction = false;
    Timeouts timeouts;
    LintReport lint; // with LintOptions::runnerSetsTimeouts: the runner sets them
};

// How a plan's steps are linted: the plan's server version, the tables its change set adds
// (an index on one of them is no finding: nobody uses it yet), timeouts set by the runner.
LintOptions stepLintOptions(const plan::Plan& plan);

StepFacts analyseStepSql(const QString& sql, LintOptions options = {});

// Replaces the step's locks, work, hazards, transaction mode and timeouts with `facts`
// (title, rollback, estimate and dependencies stay the planner's).
void applyStepFacts(plan::Step& step, const StepFacts& facts);

} // namespace bellows::lint

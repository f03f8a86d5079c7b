#pragma once

// From a live database and a target to a complete plan: compare, plan, probe the live data,
// and fill in the fingerprints and descriptions the runner checks. Shared by `bellows-cli plan`
// and the GUI's planning worker.

#include "common/result.h"
#include "plan/plan.h"
#include "workflow/schema_comparison.h"

#include <vector>

namespace bellows::workflow {

struct PlannedChange {
    Comparison comparison; // both catalogs, the ChangeSet, loader warnings; live session open
    plan::Plan plan;
};

// `choices` are the user's --fill, --using, --time-zone and --accept-lossy decisions. Never
// writes to the live database.
Result<PlannedChange> planChange(const ComparisonRequest& request,
                                 const plan::PlanChoices& choices);

} // namespace bellows::workflow

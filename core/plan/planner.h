#pragma once

// Turns a ChangeSet into an expand-contract Plan: one recipe per change (recipes.h), steps
// ordered by phase and dependency, gates where a person must deploy or drain the app.

#include "catalog/catalog.h"
#include "diff/change.h"
#include "plan/plan.h"
#include "plan/recipe_context.h"

#include <vector>

namespace bellows::plan {

// Fills id, createdAt, serverVersionNum, steps, gates, findings, fills and conversions. The
// caller (CLI, GUI) sets the fingerprints, descriptions, renames and the changeSet JSON.
Plan buildPlan(const catalog::Catalog& database, const catalog::Catalog& target,
               const diff::ChangeSet& changes, const PlanChoices& choices,
               const PlannerOptions& options = {});

// Orders steps by phase, and inside a phase topologically on dependsOn (stable: recipe order
// wins where dependencies do not decide). Contract drops run dependents first because their
// recipes make the drop of a referenced object depend on the drop of its dependents (e.g. a
// table referenced by another dropped table's foreign key). Exposed for tests.
std::vector<Step> orderSteps(std::vector<Step> steps);

// The gates a set of ordered steps needs (none when nothing breaks the running app), in the
// seed article's order (docs/safety.md, "Gate contracts"): the app reads the new shape only
// after it is backfilled, verified and indexed, and contract waits for the old version to drain.
std::vector<Gate> gatesFor(const std::vector<Step>& steps);

} // namespace bellows::plan

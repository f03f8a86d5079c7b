#pragma once

// Ordering by pg_depend, after every recipe made its steps (planner.cpp): the catalogs'
// dependencies (catalog.h, Dependency) decide what must be gone before a drop and what must
// exist before a create. Never CASCADE.

#include "plan/recipe_context.h"

namespace bellows::plan::deps {

// A view or materialized view dropped and re-created in expand (recreate-view, swap-matview)
// takes the live views that depend on it (transitively) along: they are dropped first and
// re-created after, from the target, in the same transaction; their own re-creation steps are
// folded in. Run before orderByDependencies.
void recreateDependentViews(RecipeContext& ctx);

// Drops wait for the drops of what depends on the dropped object (live catalog); creates wait
// for the creates of what the created object uses (target catalog). Within one phase.
void orderByDependencies(RecipeContext& ctx);

} // namespace bellows::plan::deps

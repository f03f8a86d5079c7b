#pragma once

// Ordering by pg_depend, after every recipe made its steps (planner.cpp): the catalogs'
// dependencies (catalog.h, Dependency) decide what must be gone before a drop and what must
// exist before a create. Never CASCADE.

#include "plan/recipe_context.h"

#include <QHash>
#include <QStringList>

namespace bellows::plan::deps {

// A view or materialized view dropped and re-created in expand (recreate-view, swap-matview)
// takes the live views that depend on it (transitively) along: they are dropped first and
// re-created after, from the target, in the same transaction; their own re-creation steps are
// folded in. Run before orderByDependencies. Returns, per step id, the keys of the dependents
// the step re-creates.
QHash<QString, QStringList> recreateDependentViews(RecipeContext& ctx);

// Drops wait for the drops of what depends on the dropped object (live catalog); creates wait
// for the creates of what the created object uses (target catalog). Within one phase, except
// that a create needing what only a later phase makes moves to that phase. `recreated`: what
// recreateDependentViews returned.
void orderByDependencies(RecipeContext& ctx, const QHash<QString, QStringList>& recreated);

} // namespace bellows::plan::deps

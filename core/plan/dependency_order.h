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

// The grants and owner of a view that a step drops and creates again join that step (instead of
// a step of their own after it: "permission denied" in between). Run after
// recreateDependentViews, with what it returned (grant_fold.cpp).
void foldGrantsIntoRecreations(RecipeContext& ctx, const QHash<QString, QStringList>& recreated);
// The GRANT and ALTER … OWNER statements that give the live view `live` its privileges and
// owner again after it was created anew (the migrating role owns a new view); column grants
// only for the columns `created` (the view as created, when not `live` itself) has.
QStringList grantsOf(const catalog::View& live, const catalog::Catalog& database,
                     const catalog::View* created = nullptr);
// Steps that depended on a removed step depend on the step that does its work instead.
void redirect(std::vector<Step>& steps, const QHash<QString, QString>& replacedBy);

// Drops wait for the drops of what depends on the dropped object (live catalog); creates wait
// for the creates of what the created object uses (target catalog). Within one phase, except
// that a create needing what only a later phase makes moves to that phase. `recreated`: what
// recreateDependentViews returned.
void orderByDependencies(RecipeContext& ctx, const QHash<QString, QStringList>& recreated);

} // namespace bellows::plan::deps

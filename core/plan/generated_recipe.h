#pragma once

// A generated column on an existing table (reference C5): its expression dropped (DROP
// EXPRESSION keeps the values, a catalog update), changed, or a plain column that becomes
// generated. The last two compute every row under ACCESS EXCLUSIVE — SET EXPRESSION on
// PostgreSQL 17+, a DROP and ADD of the column in one transaction before — so they are planned
// under the lock budget (plan/lock_budget.h) and are a blocking finding above it.

#include "catalog/catalog.h"
#include "diff/change.h"
#include "plan/recipe_context.h"

namespace bellows::plan::recipes {

// Plans the change of generation of `before` → `after`; false when this recipe does not
// handle it (identity involved, virtual columns before PostgreSQL 18 …).
bool planGeneratedChange(const diff::Change& change, const catalog::Column& before,
                         const catalog::Column& after, RecipeContext& ctx);

} // namespace bellows::plan::recipes

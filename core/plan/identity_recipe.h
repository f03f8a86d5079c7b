#pragma once

// Identity on an existing column (reference Q3): added (the new sequence continues past the
// rows' largest value), switched between ALWAYS and BY DEFAULT, or dropped once no app version
// relies on it. A serial becomes an identity (and back) in one
// transaction that keeps the counter going.

#include "catalog/catalog.h"
#include "diff/change.h"
#include "plan/recipe_context.h"

namespace bellows::plan::recipes {

// Plans the identity change of `before` → `after`; false when this recipe does not handle it.
bool planIdentityChange(const diff::Change& change, const catalog::Column& before,
                        const catalog::Column& after, RecipeContext& ctx);

// The identity sequence's options (INCREMENT, CACHE, MAXVALUE, CYCLE, ...) changed: ALTER
// SEQUENCE on the live identity sequence (locks the sequence, not the table).
bool planIdentityOptions(const diff::Change& change, const catalog::Column& after,
                         RecipeContext& ctx);

} // namespace bellows::plan::recipes

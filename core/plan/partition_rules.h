#pragma once

// What a partition's own changes amount to once its parent's are planned. PostgreSQL keeps a
// partition's columns equal to its parent's (ADD, DROP, RENAME and TYPE on the parent recurse
// and are refused on the partition), and DROP TABLE of a partitioned table drops its
// partitions: the differ still reports those on every partition, the planner must not.

#include "plan/recipe_context.h"

#include <optional>

namespace bellows::plan::partitions {

// The change left to plan for a partition (nullopt: nothing, the parent's change does it).
// Changes of other objects come back unchanged.
std::optional<diff::Change> remainder(const diff::Change& change, const RecipeContext& ctx);

// The live table is a partition (at any depth) of a partitioned table the plan drops.
bool droppedWithAncestor(const RecipeContext& ctx, const catalog::Table& live);

// The target table of that name, or null.
const catalog::Table* targetTable(const RecipeContext& ctx, const QString& schema,
                                  const QString& name);

// The live and the target table are partitions of the same parent.
bool staysPartitionOfSameParent(const catalog::Table* live, const catalog::Table* target);

} // namespace bellows::plan::partitions

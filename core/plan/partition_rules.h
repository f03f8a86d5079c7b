#pragma once

// What a partition's own changes amount to once its parent's are planned. PostgreSQL keeps a
// partition's columns equal to its parent's (ADD, DROP, RENAME and TYPE on the parent recurse
// and are refused on the partition), and DROP TABLE of a partitioned table drops its
// partitions: the differ still reports those on every partition, the planner must not.

#include "plan/recipe_context.h"

#include <optional>
#include <vector>

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

// The direct partitions of schema.parent in the target.
std::vector<const catalog::Table*> targetPartitions(const RecipeContext& ctx, const QString& schema,
                                                    const QString& parent);

// Two indexes of a parent and a partition that PostgreSQL would attach to each other: same
// method, keys, INCLUDE, predicate and uniqueness (names and tables aside).
bool sameIndexShape(const catalog::Index& a, const catalog::Index& b);
// The index of `partition` (one not backing a constraint) shaped like the parent's `index`.
const catalog::Index* matchingIndex(const catalog::Table& partition, const catalog::Index& index);

} // namespace bellows::plan::partitions

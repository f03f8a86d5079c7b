#pragma once

// One recipe per change kind (reference §2). Each turns one Change into steps on the context.
// The planner calls them in ChangeSet order; sub-object changes of a table that is itself
// added or removed are part of that table's recipe and are not passed again.

#include "plan/recipe_context.h"

namespace bellows::plan::recipes {

// Tables (T1–T3), columns (C1–C10), type changes (Y1, Y2), renames with sync triggers.
void planTable(const diff::Change& change, RecipeContext& ctx);
void planColumn(const diff::Change& change, RecipeContext& ctx);

// Constraints (K1–K6), indexes (I1–I5).
void planConstraint(const diff::Change& change, RecipeContext& ctx);
void planIndex(const diff::Change& change, RecipeContext& ctx);
// After every change is planned: new indexes on swapped columns wait for the swap.
void linkIndexesToSwaps(RecipeContext& ctx);
// Likewise constraint changes on swapped columns wait for the swapped copies' names.
void linkConstraintsToSwaps(RecipeContext& ctx);

// A primary key or unique constraint whose definition changes (key_replace_recipe.cpp), and
// the orderings it imposes on other recipes' steps: run once after every change is planned.
void planKeyReplacement(const diff::Change& change, RecipeContext& ctx);
void linkKeyChanges(RecipeContext& ctx);

// Enums (N1–N3), domains, composite types, sequences (Q1–Q3), schemas, extensions.
void planEnum(const diff::Change& change, RecipeContext& ctx);
void planDomain(const diff::Change& change, RecipeContext& ctx);
void planCompositeType(const diff::Change& change, RecipeContext& ctx);
void planSequence(const diff::Change& change, RecipeContext& ctx);
void planSchema(const diff::Change& change, RecipeContext& ctx);
void planExtension(const diff::Change& change, RecipeContext& ctx);

// Views and materialized views (W1, W2), functions and procedures, triggers (G1, G2),
// policies and RLS flags.
void planView(const diff::Change& change, RecipeContext& ctx);
void planRoutine(const diff::Change& change, RecipeContext& ctx);
void planTrigger(const diff::Change& change, RecipeContext& ctx);
void planPolicy(const diff::Change& change, RecipeContext& ctx);

// Owners, GRANT / REVOKE and ALTER DEFAULT PRIVILEGES (privilege_recipes.cpp): run once after
// every change is planned, so the steps of new objects can wait for their creation.
void planPrivileges(RecipeContext& ctx);

// A table published for logical replication (updates or deletes) whose target has no usable
// replica identity left: a blocking finding (replica_identity_rules.cpp).
void checkReplicaIdentities(RecipeContext& ctx);

} // namespace bellows::plan::recipes

namespace bellows::plan::detail {

// After a new body of `live` in `replace`: REINDEX of the indexes whose entries the old body
// computed (within the lock budget), a blocking finding for stored generated columns that use
// it (function_users.cpp).
void rebuildFunctionUsers(Step& replace, const catalog::Function& live, RecipeContext& ctx);

// The change replaces a live, populated-or-not key by one on other columns (or another
// definition): planned by planKeyReplacement instead of a drop and re-add.
bool isKeyReplacement(const RecipeContext& ctx, const diff::Change& change);
// A foreign key change (added, removed or changed) that references a replaced key: its drop
// and re-add belong to the key replacement's transaction.
bool foreignKeyMovesWithKey(const RecipeContext& ctx, const diff::Change& change);

// SET STORAGE / COMPRESSION / STATISTICS / attribute options of one column where `after` differs
// from `before` (null: a column just added, compared with the defaults).
void planColumnSettings(RecipeContext& ctx, const QString& schema, const QString& table,
                        const catalog::Column* before, const catalog::Column& after,
                        const QStringList& dependsOn = {});

// Persistence, replica identity and inheritance of a table (table_attribute_recipes.cpp); false
// when `attribute` is none of them.
bool planTableAttribute(const diff::AttributeChange& attribute, const catalog::Table& before,
                        const catalog::Table& after, RecipeContext& ctx);

} // namespace bellows::plan::detail

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

} // namespace bellows::plan::recipes

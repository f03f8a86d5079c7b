#pragma once

// The SQL pieces the constraint recipes share (constraint_recipes.cpp, unique_key_recipe.cpp):
// step ids, ALTER TABLE heads, ADD / DROP CONSTRAINT texts, the table's live name.

#include "plan/recipe_context.h"

#include <QString>
#include <QStringList>

namespace bellows::plan::recipes::csql {

// The name the owning table has in the live database (its old name while a rename is
// planned); empty when the table is new.
QString liveName(const diff::Change& c, const RecipeContext& ctx);
// A part of the live table as catalog dependencies name it: "<kind> schema.table.name" (kind
// "index" or "constraint"), under the table's live name.
QString liveKey(const QString& kind, const diff::Change& c, const QString& name,
                const RecipeContext& ctx);
// "phase:verb:schema.table.name"
QString stepId(Phase phase, const QString& verb, const diff::Change& c, const QString& name);
QString alterTable(const diff::Change& c); // ALTER TABLE schema.table
// The constraint's definition without a trailing NOT VALID (the recipe adds it).
QString body(const catalog::Constraint& k);
QString addSql(const diff::Change& c, const catalog::Constraint& k, bool notValid);
QString dropSql(const diff::Change& c, const QString& name); // DROP CONSTRAINT IF EXISTS
QString columnList(const QStringList& columns);              // quoted, comma-separated

// K3/K4 (unique_key_recipe.cpp): a UNIQUE or PRIMARY KEY constraint added to a live table, by a
// unique index built concurrently and attached (or a live unique index of its name adopted).
void addUniqueOrPk(const diff::Change& c, const catalog::Constraint& k, RecipeContext& ctx,
                   const QString& after);
// The target turns the live unique index `index` of schema.table into a constraint of the same
// name: the constraint recipe adopts or replaces it, so the index recipe must not drop it.
bool constraintTakesIndex(const RecipeContext& ctx, const QString& schema, const QString& table,
                          const QString& index);

} // namespace bellows::plan::recipes::csql

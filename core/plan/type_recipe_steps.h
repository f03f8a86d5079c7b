#pragma once

// Small step builders shared by the type, sequence, schema and extension recipes.

#include "plan/recipe_context.h"

namespace bellows::plan::recipes::detail {

void finding(RecipeContext& ctx, Finding::Severity severity, const QString& object,
             const QString& title, const QString& reason, const QStringList& options,
             const QString& row);
// "expand:create-schema:app"
QString stepId(Phase phase, const QString& verb, const diff::Change& c);
// The change's object, quoted and qualified.
QString nameOf(const diff::Change& c);
QString literalOrNull(const QString& value);
// "a.b" or "a" as catalog text (collations): each part quoted.
QString quotedName(const QString& text);
Step simple(const diff::Change& c, Phase phase, const QString& verb, const QString& title,
            const QString& sql, const QString& rollback, const QString& row);
// M2: COMMENT ON <what> IS ... (SHARE UPDATE EXCLUSIVE on a relation, nothing on a type).
void comment(const diff::Change& c, const QString& what, const QString& to, const QString& from,
             const QString& after, RecipeContext& ctx, const QString& lockedRelation = {});
// A composite type used by table columns changes shape (composite_recipe.cpp): ADD / DROP /
// RENAME ATTRIBUTE in place, or a new type and the columns converted under the lock budget.
void planCompositeShape(const diff::Change& c, const catalog::CompositeType& before,
                        const catalog::CompositeType& after, const QStringList& users,
                        RecipeContext& ctx);
void commentIfChanged(const diff::Change& c, const QString& what, const QString& after,
                      RecipeContext& ctx, const QString& lockedRelation = {});

} // namespace bellows::plan::recipes::detail

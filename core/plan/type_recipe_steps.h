#pragma once

// Small step builders shared by the type, sequence, schema and extension recipes.

#include "plan/recipe_context.h"

#include <functional>

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
// A type or domain re-created under a temporary name, the columns using it converted to it (a
// rewrite under the lock budget), the old one dropped and the new one renamed, in one step.
struct TypeSwap {
    QString title;
    QString why;        // why there is no in-place route
    QString createTemp; // CREATE TYPE / DOMAIN <tempName> …;
    QString tempName;   // quoted and qualified
    QString dropOld;    // DROP TYPE / DOMAIN <name>;
    QString renameTemp; // ALTER … <tempName> RENAME TO <name>;
    QString after;      // statements after the rename (comments), may be empty
    std::function<QString(const QString& column)> usingFor; // USING of each column; none: no USING
};
void planTypeSwap(const diff::Change& c, const TypeSwap& swap, const QStringList& users,
                  RecipeContext& ctx);

void commentIfChanged(const diff::Change& c, const QString& what, const QString& after,
                      RecipeContext& ctx, const QString& lockedRelation = {});

} // namespace bellows::plan::recipes::detail

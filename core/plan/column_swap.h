#pragma once

// Shared between column_recipes.cpp, column_swap_recipe.cpp and table_recipes.cpp (internal to
// the column/table recipes; other recipes do not use them).

#include "plan/recipe_context.h"

namespace bellows::plan::detail {

// C7: make `column` NOT NULL without a long AE lock (reference §2.2 C7).
struct NotNullRequest {
    QString schema;
    QString table;     // current (target-side) name
    QString liveTable; // database-side name when the table is renamed; empty: same
    QString column;
    QString fillExpression; // fills existing NULLs first; empty: none known
    bool mayHoldNulls = true;
    // Every existing row is NULL (a column this plan adds): without a fill the plan cannot run.
    // Otherwise whether NULLs exist is counted by the data probe (data_checks.cpp), not guessed.
    bool nullsCertain = false;
    // Old writers cannot write NULL (a default fills the column, or a sync trigger copies a
    // NOT NULL column): the tightening may run before the final gate.
    bool guaranteed = false;
    QString guaranteeReason;
    // The column is new in this plan: no running app version writes it, so the constraint
    // cannot break one (no gate needed for it).
    bool unknownToOldApp = false;
    QStringList dependsOn;
};
void planNotNull(RecipeContext& ctx, const NotNullRequest& request);

// Set by the key swap (key_swap_recipe.cpp) when a column's swap is part of it: the column's
// contract swap SQL is handed back to run in the key swap's one transaction.
struct SwapHandoff {
    // In: foreign keys referencing this table.column are re-created by the key swap (not copied).
    QString keySchema;
    QString keyTable;
    QString keyColumn;
    QString contractStepId; // in: the key swap step; the old column's drop waits for it
    // Out, filled by planColumnSwap:
    QString newColumn; // the column's name while both exist
    QString backfillId;
    QString dropCheckId; // the contract step dropping the verify CHECK
    QStringList swapSql; // trigger drop and name/default/sequence moves
    QStringList swapBack;
    bool planned = false; // false: refused (a finding says why)
};

// C10 (a) and Y2: a new column, a two-way sync trigger, backfill, verify, contract.
void planColumnSwap(const diff::Change& change, const catalog::Column& oldColumn,
                    const catalog::Column& target, bool rename, RecipeContext& ctx,
                    SwapHandoff* handoff = nullptr);

// Y2 on a single-column primary key (int→bigint and alike) and the foreign keys referencing it:
// both sides swapped, then one short transaction moves the key (key_swap_recipe.cpp).
bool isKeySwap(const RecipeContext& ctx, const QString& schema, const QString& table,
               const QString& column);
// True when schema.table.column is the referencing side of a foreign key to a key swap.
bool referencesKeySwap(const RecipeContext& ctx, const catalog::Table* live, const QString& column);
void planKeySwap(const diff::Change& change, const catalog::Column& oldColumn,
                 const catalog::Column& target, RecipeContext& ctx);

// A type change no online route takes: ALTER COLUMN … TYPE in place under the lock budget, a
// blocking finding naming the estimate above it (inplace_type_recipe.cpp).
void planInPlaceRewrite(const diff::Change& change, const catalog::Column& before,
                        const catalog::Column& after, const QString& whyNotOnline,
                        RecipeContext& ctx);

// The stored generated columns of `table` whose expression names `column`.
QStringList generatedUsing(const catalog::Table& table, const QString& column);

// The live table of a table or sub-object change (by its database-side name).
const catalog::Table* liveTableOf(const diff::Change& change, const RecipeContext& ctx);
QStringList primaryKeyColumns(const catalog::Table* table);

// Adds a Blocking finding for each live view that uses schema.table(.column) and is not itself
// changed or dropped by the plan; returns true when it added one.
bool blockOnDependentViews(RecipeContext& ctx, const QString& schema, const QString& table,
                           const QString& column, const QString& what);

} // namespace bellows::plan::detail

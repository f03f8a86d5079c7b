#pragma once

// The lock budget (docs/safety.md, "Steps that rewrite or lock"): a step that must rewrite,
// scan or build while holding a lock that blocks the application is planned when its estimate
// from the table's real size (measured at plan time, plan/table_rows.h) fits the budget
// (PlannerOptions::lockBudgetSeconds), or when the user accepted the downtime for that object
// (--accept-downtime, recorded in the plan). Above the budget it is a blocking finding that
// names the estimate and the options. Never refuse a change that is safe on the data at hand.

#include "plan/recipe_context.h"

#include <QString>
#include <QStringList>

namespace bellows::plan::detail {

struct BudgetVerdict {
    bool empty = false;    // the table held no row at plan time
    bool within = false;   // the estimate fits the lock budget
    bool accepted = false; // --accept-downtime names the table (or the object)
    double seconds = 0;    // the estimate
    qint64 bytes = 0;      // the table's real size
    qint64 maxBytes = 0;   // the size the budget allows (for the run-time guard)

    bool planned() const { return empty || within || accepted; }
};

// The verdict for `work` on the live table schema.table; `objects` are further names the user
// may accept the downtime for ("schema.type" of a domain, ...).
BudgetVerdict lockBudget(const RecipeContext& ctx, const QString& schema, const QString& table,
                         Work work, const QStringList& objects = {});

// Several tables at once (a domain's or a composite type's users): the sum of the estimates.
BudgetVerdict lockBudget(const RecipeContext& ctx, const QStringList& tables, Work work,
                         const QStringList& objects = {});

// "about 0.02 s for 1.2 MB"
QString describeEstimate(const BudgetVerdict& verdict);
// A scalar subquery: the bytes of `relation` (qualified, quoted) and of every table that
// inherits from it or is one of its partitions, at any depth — what a rewrite of it rewrites.
QString relationTreeBytesSql(const QString& relation);

// The run-time guard that goes before the statement, in the same transaction: locks the table
// in `mode` and stops the step (changing nothing) when it grew past what the budget allows, or,
// for a table planned as empty, when it holds a row. Empty for an accepted downtime.
QString budgetGuard(const QString& schema, const QString& table, const BudgetVerdict& verdict,
                    const QString& mode = QStringLiteral("ACCESS EXCLUSIVE"));
// The same for a step over several tables ("schema.table" keys, the verdict of all of them):
// each locked in `mode`, then one check that together they still fit the budget.
QString budgetGuards(const QStringList& tables, const BudgetVerdict& verdict,
                     const QString& mode = QStringLiteral("ACCESS EXCLUSIVE"));
// The size check alone, without locking: for tables the step only reads (a materialized view
// filled again) whose reading time is what the budget bounds. `trees`: each entry counts with
// its partitions and inheritance children; otherwise alone (the list names them all).
QString sizeGuard(const QStringList& tables, const BudgetVerdict& verdict, bool trees = true);

// The step carries a run-time guard of budgetGuard (or sqlb::emptyTableGuard).
bool hasBudgetGuard(const Step& step);
// --accept-downtime names `relation` (quoted and qualified, as in Lock::relation).
bool downtimeAccepted(const PlanChoices& choices, const QString& relation);

// Adds to `step` the rationale words for its verdict.
QString budgetRationale(const BudgetVerdict& verdict, const QString& what);

// The blocking finding for a step over the budget: names the estimate, the options given and the
// --accept-downtime option for `acceptName` ("schema.table").
void addOverBudgetFinding(RecipeContext& ctx, const QString& object, const QString& title,
                          const QString& reason, const BudgetVerdict& verdict,
                          const QString& acceptName, QStringList options,
                          const QString& referenceRow);

} // namespace bellows::plan::detail

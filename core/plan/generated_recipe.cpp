#include "plan/generated_recipe.h"

#include "plan/column_alter.h"
#include "plan/lock_budget.h"
#include "plan/sql_builders.h"
#include "sql/quote.h"

#include <QRegularExpression>

namespace bellows::plan::recipes {

namespace {

using catalog::GeneratedKind;

Step generatedStep(const diff::Change& change, Phase phase, const QString& action,
                   const QString& column)
{
    return detail::columnAlterStep(change, phase, action, column, QStringLiteral("C5"));
}

// Indexes of the live table that use `column`: a DROP COLUMN drops them, so they are re-created
// (plainly, inside the budgeted step) from their definitions.
QStringList indexesOn(const catalog::Table& table, const QString& column)
{
    const QRegularExpression word(
        QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(column)));
    QStringList out;
    for (const catalog::Index& i : table.indexes) {
        if (!i.constraintName.isEmpty())
            continue;
        bool uses = i.predicate.contains(word);
        for (const catalog::IndexKey& k : i.keys)
            uses = uses || k.column == column || k.expression.contains(word);
        if (uses || (i.keys.empty() && i.definition.contains(word)))
            out << i.definition + QLatin1Char(';');
    }
    return out;
}

bool constraintUses(const catalog::Table& table, const QString& column)
{
    return std::any_of(table.constraints.begin(), table.constraints.end(),
                       [&](const catalog::Constraint& c) { return c.columns.contains(column); });
}

void dropExpression(const diff::Change& change, const catalog::Column& before,
                    const catalog::Column& after, RecipeContext& ctx)
{
    const QString who =
        sqlb::rel(change.schema, change.table) + QLatin1Char('.') + sql::quoteIdent(after.name);
    Step s = generatedStep(change, Phase::Expand, QStringLiteral("drop-expression"), after.name);
    s.title = QStringLiteral("Make %1 a plain column (keep its values)").arg(who);
    s.sql = detail::alterColumn(change, after.name, QStringLiteral("DROP EXPRESSION"));
    if (!after.defaultExpr.isEmpty())
        s.sql += QLatin1Char('\n') +
                 detail::alterColumn(change, after.name,
                                     QStringLiteral("SET DEFAULT ") + after.defaultExpr);
    s.irreversibleReason = QStringLiteral("Making it generated again recomputes every row (a "
                                          "rewrite): plan the old shape to go back.");
    Q_UNUSED(before);
    s.rationale = QStringLiteral("DROP EXPRESSION (PostgreSQL 13+) keeps the stored values and "
                                 "only updates the catalog. From now on writers give the value "
                                 "(or leave it NULL).");
    ctx.add(std::move(s));
}

void recompute(const diff::Change& change, const catalog::Column& before,
               const catalog::Column& after, RecipeContext& ctx)
{
    const QString who =
        sqlb::rel(change.schema, change.table) + QLatin1Char('.') + sql::quoteIdent(after.name);
    const QString liveName =
        change.tableRenamedFrom.isEmpty() ? change.table : change.tableRenamedFrom;
    const catalog::Table* live = ctx.liveTable(change.schema, liveName);
    if (!live)
        return;
    const bool becomes = before.generated == GeneratedKind::None;
    const plan::detail::BudgetVerdict budget =
        plan::detail::lockBudget(ctx, change.schema, liveName, Work::Rewrite);
    const bool setExpression = ctx.major() >= 17 && !becomes;
    if (!budget.planned() || (!setExpression && constraintUses(*live, before.name))) {
        plan::detail::addOverBudgetFinding(
            ctx, who,
            becomes ? QStringLiteral("Making %1 a generated column rewrites the table").arg(who)
                    : QStringLiteral("Changing the expression of %1 rewrites the table").arg(who),
            !budget.planned()
                ? QStringLiteral("PostgreSQL computes the new value of every row while holding "
                                 "ACCESS EXCLUSIVE on the table.")
                : QStringLiteral("Constraints use the column, and before PostgreSQL 17 the "
                                 "column must be dropped and added again."),
            budget, sqlb::idPath(change.schema, liveName),
            {QStringLiteral("Add a new plain column kept by a trigger, backfill it in batches, "
                            "and swap it in (C5)"),
             QStringLiteral("Keep the column as it is in the target")},
            QStringLiteral("C5"));
        return;
    }
    Step s = generatedStep(change, becomes ? Phase::Contract : Phase::Expand,
                           QStringLiteral("set-expression"), after.name);
    s.title = becomes ? QStringLiteral("Make %1 a generated column").arg(who)
                      : QStringLiteral("Change the expression of %1").arg(who);
    QStringList sql;
    const QString guard = plan::detail::budgetGuard(change.schema, change.table, budget);
    if (!guard.isEmpty())
        sql << guard;
    if (setExpression) {
        sql << detail::alterColumn(
            change, after.name, QStringLiteral("SET EXPRESSION AS (%1)").arg(after.generatedExpr));
    } else {
        sql << sqlb::dropColumn(change.schema, change.table, before.name)
            << sqlb::addColumn(change.schema, change.table, after) << indexesOn(*live, before.name);
        if (!after.comment.isEmpty())
            sql << sqlb::commentOnColumn(change.schema, change.table, after.name, after.comment);
    }
    s.sql = sql.join(QLatin1Char('\n'));
    s.irreversibleReason = becomes ? QStringLiteral("The column's own values are replaced by "
                                                    "computed ones.")
                                   : QStringLiteral("Plan the old expression to go back.");
    s.work = Work::Rewrite;
    s.locks = {sqlb::lock(LockMode::AccessExclusive, change.schema, change.table, false)};
    s.hazards = {
        sqlb::hazard(HazardKind::Rewrite,
                     QStringLiteral("computes %1 for every row under ACCESS EXCLUSIVE").arg(who))};
    if (becomes)
        s.hazards.push_back(
            sqlb::hazard(HazardKind::BreaksRunningApp,
                         QStringLiteral("writes that give %1 a value fail from now on").arg(who)));
    s.rationale = plan::detail::budgetRationale(
        budget, setExpression ? QStringLiteral("SET EXPRESSION (a rewrite)")
                              : QStringLiteral("Dropping and adding the column with its new "
                                               "expression in one transaction (a rewrite)"));
    if (becomes)
        s.rationale += QStringLiteral(" In contract: no running app version writes the column.");
    ctx.add(std::move(s));
}

// PostgreSQL 18 computes a virtual column when it is read: a new expression is a catalog update,
// unless a constraint or NOT NULL covers the column (PostgreSQL then checks every row under the
// lock).
bool changeVirtualExpression(const diff::Change& change, const catalog::Column& after,
                             RecipeContext& ctx)
{
    const QString liveName =
        change.tableRenamedFrom.isEmpty() ? change.table : change.tableRenamedFrom;
    const catalog::Table* live = ctx.liveTable(change.schema, liveName);
    // NOT NULL makes PostgreSQL compute the new expression for every row under the lock.
    if (!live || constraintUses(*live, after.name) || after.notNull ||
        std::any_of(live->columns.begin(), live->columns.end(),
                    [&](const catalog::Column& c) { return c.name == after.name && c.notNull; }))
        return false;
    const QString who =
        sqlb::rel(change.schema, change.table) + QLatin1Char('.') + sql::quoteIdent(after.name);
    Step s = generatedStep(change, Phase::Expand, QStringLiteral("set-expression"), after.name);
    s.title = QStringLiteral("Change the expression of virtual column %1").arg(who);
    s.sql = detail::alterColumn(change, after.name,
                                QStringLiteral("SET EXPRESSION AS (%1)").arg(after.generatedExpr));
    s.irreversibleReason = QStringLiteral("Plan the old expression to go back.");
    s.rationale = QStringLiteral(
        "A virtual column (PostgreSQL 18) stores nothing: SET EXPRESSION "
        "updates the catalog only, no row is rewritten; readers see the new values at once.");
    ctx.add(std::move(s));
    return true;
}

} // namespace

bool planGeneratedChange(const diff::Change& change, const catalog::Column& before,
                         const catalog::Column& after, RecipeContext& ctx)
{
    if (before.identity != catalog::IdentityKind::None ||
        after.identity != catalog::IdentityKind::None)
        return false;
    if (before.generated == GeneratedKind::Virtual && after.generated == GeneratedKind::Virtual)
        return changeVirtualExpression(change, after, ctx);
    if (before.generated == GeneratedKind::Virtual || after.generated == GeneratedKind::Virtual)
        return false;
    if (after.generated == GeneratedKind::None) {
        if (ctx.major() < 13)
            return false;
        dropExpression(change, before, after, ctx);
        return true;
    }
    recompute(change, before, after, ctx);
    return true;
}

} // namespace bellows::plan::recipes

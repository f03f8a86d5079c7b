// A type change the online routes cannot take (an identity or generated column, a column of a
// composite key, a key other keys reference): ALTER COLUMN … TYPE in place, which rewrites the
// table (and re-checks the foreign keys that reference the column) under ACCESS EXCLUSIVE.
// Planned under the lock budget on the real size of the tables involved; a blocking finding
// that names the estimate and the options above it.

#include "plan/column_swap.h"
#include "plan/lock_budget.h"
#include "plan/recipes.h"
#include "plan/sql_builders.h"

#include "sql/quote.h"

#include <QRegularExpression>

namespace bellows::plan::detail {

using catalog::Column;
using diff::Change;
using sql::quoteIdent;

namespace {

// The live tables whose foreign keys reference schema.table(column): re-checked by the rewrite.
QStringList referencingTables(const RecipeContext& ctx, const QString& schema, const QString& table,
                              const QString& column)
{
    QStringList out;
    for (const catalog::Table& other : ctx.database().tables)
        for (const catalog::Constraint& c : other.constraints)
            if (c.kind == catalog::ConstraintKind::ForeignKey && c.refSchema == schema &&
                c.refTable == table && c.refColumns.contains(column) &&
                !out.contains(catalog::key(other.schema, other.name)))
                out << catalog::key(other.schema, other.name);
    return out;
}

QRegularExpression wordOf(const QString& column)
{
    return QRegularExpression(QStringLiteral("(^|[^A-Za-z0-9_\"])(%1|%2)($|[^A-Za-z0-9_\"])")
                                  .arg(QRegularExpression::escape(column),
                                       QRegularExpression::escape(quoteIdent(column))));
}

} // namespace

QStringList generatedUsing(const catalog::Table& table, const QString& column)
{
    const QRegularExpression word = wordOf(column);
    QStringList out;
    for (const Column& c : table.columns)
        if (c.generated == catalog::GeneratedKind::Stored && c.generatedExpr.contains(word))
            out << c.name;
    return out;
}

// What dropping generated column `g` would silently take with it: constraints on it (their
// indexes too) and its column privileges. Re-adding the column brings none of them back.
QStringList attachedTo(const catalog::Table& table, const QString& g)
{
    QStringList out;
    for (const catalog::Constraint& c : table.constraints)
        if (c.columns.contains(g) || c.definition.contains(wordOf(g)))
            out << QStringLiteral("constraint ") + quoteIdent(c.name);
    const Column* column = table.column(g);
    if (column && !column->acl.empty())
        out << QStringLiteral("column privileges");
    return out;
}

void planInPlaceRewrite(const Change& change, const Column& before, const Column& after,
                        const QString& whyNotOnline, RecipeContext& ctx)
{
    const catalog::Table* live = liveTableOf(change, ctx);
    const QString s = change.schema;
    const QString t = change.table;
    const QString who = sqlb::rel(s, t) + QLatin1Char('.') + quoteIdent(before.name);
    if (!live)
        return;
    QStringList tables{catalog::key(live->schema, live->name)};
    for (const QString& r : referencingTables(ctx, live->schema, live->name, before.name))
        if (!tables.contains(r))
            tables << r;
    const BudgetVerdict budget = lockBudget(ctx, tables, Work::Rewrite);
    if (!budget.planned()) {
        addOverBudgetFinding(
            ctx, who,
            QStringLiteral("Cannot change the type of %1 without downtime automatically").arg(who),
            whyNotOnline + QStringLiteral(" ALTER COLUMN … TYPE rewrites the table under ACCESS "
                                          "EXCLUSIVE."),
            budget, sqlb::idPath(live->schema, live->name),
            {QStringLiteral("Do it by hand following reference row Y2")}, QStringLiteral("Y2"));
        return;
    }
    for (const QString& g : generatedUsing(*live, before.name)) {
        if (const QStringList lost = attachedTo(*live, g); !lost.isEmpty()) {
            Finding f;
            f.object = who;
            f.title = QStringLiteral("Changing the type of %1 would drop what generated column "
                                     "%2 carries")
                          .arg(who, quoteIdent(g));
            f.reason = QStringLiteral("PostgreSQL refuses to retype a column a generated column "
                                      "uses, so %1 would be dropped and added again, and with it "
                                      "%2.")
                           .arg(quoteIdent(g), lost.join(QStringLiteral(", ")));
            f.options = {QStringLiteral("Drop those from the target first, then plan again"),
                         QStringLiteral("Do it by hand following reference row Y2")};
            f.referenceRow = QStringLiteral("Y2");
            ctx.addFinding(f);
            return;
        }
    }
    QString type = sqlb::typeSql(after);
    if (!after.collation.isEmpty())
        type += QStringLiteral(" COLLATE ") + sqlb::catalogName(after.collation);
    const auto choice = ctx.choices().conversionFor(s, t, after.name);
    if (choice && !choice->usingExpression.isEmpty())
        type += QStringLiteral(" USING (%1)").arg(choice->usingExpression);
    Step step;
    step.id = sqlb::stepId(QStringLiteral("expand"), QStringLiteral("alter-type"),
                           sqlb::idPath(s, t, after.name));
    step.phase = Phase::Expand;
    step.title = QStringLiteral("Change the type of %1 to %2 in place").arg(who, after.type);
    QStringList sql;
    if (const QString guard = budgetGuards(tables, budget); !guard.isEmpty())
        sql << guard;
    // PostgreSQL refuses to retype a column a generated column uses: those go and come back
    // (computed again, within the same rewrite) with the target's definition and indexes.
    const QStringList generated = generatedUsing(*live, before.name);
    const catalog::Table* targetTable = ctx.target().table(s, t);
    QStringList readd;
    for (const QString& g : generated) {
        const Column* def = targetTable ? targetTable->column(g) : nullptr;
        if (!def)
            continue;
        sql << sqlb::dropColumn(s, t, g);
        readd << sqlb::addColumn(s, t, *def);
        const QRegularExpression word = wordOf(g);
        for (const catalog::Index& i : live->indexes) {
            bool uses = i.predicate.contains(word);
            for (const catalog::IndexKey& k : i.keys)
                uses = uses || k.column == g || k.expression.contains(word);
            if (uses && i.constraintName.isEmpty())
                readd << i.definition + QLatin1Char(';');
        }
    }
    sql << sqlb::alterType(s, t, before.name, type) << readd;
    step.sql = sql.join(QLatin1Char('\n'));
    if (!generated.isEmpty())
        step.irreversibleReason = QStringLiteral("Generated columns were re-created; plan the old "
                                                 "type again to go back.");
    if (generated.isEmpty())
        step.rollbackSql = sqlb::alterType(s, t, before.name, sqlb::typeSql(before));
    step.work = Work::Rewrite;
    for (const QString& key : tables) {
        const qsizetype dot = key.indexOf(QLatin1Char('.'));
        step.locks.push_back(
            sqlb::lock(LockMode::AccessExclusive, key.left(dot), key.mid(dot + 1), false));
    }
    step.hazards = {sqlb::hazard(HazardKind::Rewrite,
                                 QStringLiteral("rewrites %1 and rebuilds its indexes under ACCESS "
                                                "EXCLUSIVE")
                                     .arg(sqlb::rel(s, t)))};
    step.referenceRow = QStringLiteral("Y1");
    step.rationale = whyNotOnline + QLatin1Char(' ') +
                     budgetRationale(budget, QStringLiteral("ALTER COLUMN … TYPE (a rewrite)"));
    ctx.add(std::move(step));
}

} // namespace bellows::plan::detail

// Values a function's body computed and PostgreSQL stores: the entries of indexes over an
// expression or predicate that calls it, and stored generated columns. CREATE OR REPLACE
// changes the body and keeps every stored value the old body computed, so an index lookup
// silently misses rows (or finds wrong ones) and a generated column keeps stale values. The
// indexes are rebuilt in the transaction that replaces the body (REINDEX holds SHARE on the
// table: planned within the lock budget, checked at run time, or with the downtime accepted);
// a stored generated column has no such route and is a blocking finding.

#include "plan/lock_budget.h"
#include "plan/recipes.h"
#include "plan/sql_builders.h"
#include "plan/step_objects.h"
#include "sql/quote.h"

namespace bellows::plan::detail {

namespace {

struct Part {
    const catalog::Table* table = nullptr;
    QString name; // the index, column or constraint
};

// The live table and part a "index s.t.i" / "column s.t.c" key names.
Part partOf(const catalog::Catalog& database, const QString& key)
{
    const QString table = deps::pathOfKey(deps::owningTable(key));
    const qsizetype dot = table.indexOf(QLatin1Char('.'));
    if (table.isEmpty() || dot < 0)
        return {};
    return {database.table(table.left(dot), table.mid(dot + 1)),
            deps::pathOfKey(key).mid(table.size() + 1)};
}

void generatedFinding(const QString& function, const Part& p, RecipeContext& ctx)
{
    const QString column =
        sqlb::rel(p.table->schema, p.table->name) + QLatin1Char('.') + sql::quoteIdent(p.name);
    Finding f;
    f.object = column;
    f.title = QStringLiteral("Stored generated column %1 would keep values the old body of %2 "
                             "computed")
                  .arg(column, function);
    f.reason = QStringLiteral("CREATE OR REPLACE changes the body of %1, and PostgreSQL does not "
                              "compute stored generated columns again: existing rows would keep "
                              "the old results while new rows get the new ones.")
                   .arg(function);
    f.options = {QStringLiteral("Create the new body under another name and give the column an "
                                "expression using it (a rewrite, planned under the lock budget)"),
                 QStringLiteral("Keep the old body in the target")};
    f.referenceRow = QStringLiteral("G1");
    ctx.addFinding(f);
}

// REINDEX of the table's indexes that use the function, after the new body, in `replace`.
void reindex(Step& replace, const catalog::Table& t, const QStringList& indexes,
             const QString& function, RecipeContext& ctx)
{
    const QString relation = sqlb::rel(t.schema, t.name);
    const QString names = indexes.join(QStringLiteral(", "));
    const BudgetVerdict v = lockBudget(ctx, t.schema, t.name, Work::Build);
    if (t.kind == catalog::TableKind::Partitioned || !v.planned()) {
        addOverBudgetFinding(
            ctx, relation,
            QStringLiteral("Index %1 on %2 must be rebuilt for the new body of %3")
                .arg(names, relation, function),
            QStringLiteral("Its entries were computed by the old body: lookups would miss rows "
                           "until it is rebuilt, and REINDEX blocks writes to %1 (a partitioned "
                           "index is rebuilt partition by partition, by hand).")
                .arg(relation),
            v, catalog::key(t.schema, t.name),
            {QStringLiteral("Create the new body under another name, build an index on it "
                            "CONCURRENTLY, move the queries to it, then drop the old ones")},
            QStringLiteral("G1"));
        return;
    }
    QStringList sql{budgetGuard(t.schema, t.name, v, QStringLiteral("SHARE"))};
    for (const QString& index : indexes)
        sql << QStringLiteral("REINDEX INDEX %1;").arg(sqlb::rel(t.schema, index));
    replace.sql += QLatin1Char('\n') + sql.join(QLatin1Char('\n'));
    if (replace.isReversible())
        replace.rollbackSql += QLatin1Char('\n') + sql.join(QLatin1Char('\n'));
    // REINDEX holds SHARE on the table and ACCESS EXCLUSIVE on the index, which every query
    // planned on the table waits for: as good as ACCESS EXCLUSIVE on the table.
    replace.locks.push_back(sqlb::lock(LockMode::AccessExclusive, t.schema, t.name, false));
    replace.work = Work::Build;
    replace.hazards.push_back(
        {HazardKind::AccessExclusiveLock,
         QStringLiteral("REINDEX of %1 blocks writes to %2 and queries using the index for %3")
             .arg(names, relation, describeEstimate(v))});
    replace.rationale +=
        QLatin1Char(' ') +
        budgetRationale(v, QStringLiteral("Rebuilding %1 for the new body (its entries were "
                                          "computed by the old one)")
                               .arg(names));
}

} // namespace

void rebuildFunctionUsers(Step& replace, const catalog::Function& live, RecipeContext& ctx)
{
    const QString function = live.signature();
    QHash<const catalog::Table*, QStringList> indexes;
    QList<const catalog::Table*> order;
    for (const QString& key : ctx.database().dependentsOf(QStringLiteral("function ") + function)) {
        Part p = partOf(ctx.database(), key);
        if (!p.table)
            continue;
        const QString kind = deps::kindOf(key);
        // An exclusion constraint's index is named by its constraint.
        const catalog::Constraint* k =
            kind == QLatin1String("constraint") ? p.table->constraint(p.name) : nullptr;
        if (k && k->kind == catalog::ConstraintKind::Exclusion && p.table->index(k->indexName))
            p.name = k->indexName;
        if ((kind == QLatin1String("index") || k) && p.table->index(p.name) &&
            (!k || k->kind == catalog::ConstraintKind::Exclusion)) {
            if (!indexes.contains(p.table))
                order << p.table;
            indexes[p.table] << p.name;
        } else if ((kind == QLatin1String("default") || kind == QLatin1String("column")) &&
                   p.table->column(p.name) &&
                   p.table->column(p.name)->generated == catalog::GeneratedKind::Stored) {
            generatedFinding(function, p, ctx);
        }
    }
    for (const catalog::Table* t : order)
        reindex(replace, *t, indexes.value(t), function, ctx);
}

} // namespace bellows::plan::detail

#include "plan/matview_fill.h"

#include "plan/lock_budget.h"
#include "plan/step_objects.h"
#include "sql/quote.h"

#include <QSet>

#include <algorithm>

namespace bellows::plan::deps {

namespace {

// "schema.name" of the live relation `relation` (quoted and qualified, as in Lock::relation).
QString keyOf(const catalog::Catalog& database, const QString& relation)
{
    for (const catalog::Table& t : database.tables)
        if (sql::qualified(t.schema, t.name) == relation)
            return catalog::key(t.schema, t.name);
    for (const catalog::View& v : database.views)
        if (sql::qualified(v.schema, v.name) == relation)
            return catalog::key(v.schema, v.name);
    return {};
}

// Every relation whose downtime the user must accept for the step: the views it fills and
// what it locks in ACCESS EXCLUSIVE — never one of them for the others.
QStringList acceptNames(const Step& step, const QStringList& views, const RecipeContext& ctx)
{
    QStringList names = views;
    for (const Lock& l : step.locks) {
        const QString key = keyOf(ctx.database(), l.relation);
        if (l.mode == LockMode::AccessExclusive && !key.isEmpty() && !names.contains(key))
            names << key;
    }
    return names;
}

void overBudget(const QStringList& views, const QStringList& reads, const QStringList& names,
                const detail::BudgetVerdict& v, RecipeContext& ctx)
{
    const QString what = views.join(QStringLiteral(", "));
    QStringList distinct = reads;
    distinct.removeDuplicates();
    const QString reason =
        reads.isEmpty()
            ? QStringLiteral("It reads no table, so the time of its fill cannot be estimated.")
            : QStringLiteral("The fill (and each of its indexes) reads %1.")
                  .arg(distinct.join(QStringLiteral(", ")));
    detail::addOverBudgetFinding(
        ctx, what,
        QStringLiteral("Filling materialized view %1 inside the step holds the step's locks")
            .arg(what),
        QStringLiteral("The step drops and creates %1 again in one transaction, so readers never "
                       "see it missing; everything the step locks stays locked until the fill "
                       "ends. %2")
            .arg(what, reason),
        v, names.join(QStringLiteral(" --accept-downtime ")),
        {QStringLiteral("Leave the materialized view out of this release (drop it in the target) "
                        "and create it again in the next"),
         QStringLiteral("Turn it into a plain view in the target")},
        QStringLiteral("W2"));
}

// The live tables holding the rows of `key` ("schema.table"): itself (a partitioned table
// holds none), its partitions and inheritance children, at any depth. Each is measured alone:
// their sizes add up to the tree's.
QStringList storageOf(const catalog::Catalog& database, const QString& key)
{
    QStringList out;
    QStringList todo{key};
    while (!todo.isEmpty()) {
        const QString parent = todo.takeLast();
        for (const catalog::Table& t : database.tables) {
            const QString k = catalog::key(t.schema, t.name);
            const bool child = t.partitionParent == parent || t.inherits.contains(parent);
            if ((k == parent || child) && !out.contains(k)) {
                if (t.kind != catalog::TableKind::Partitioned)
                    out << k;
                if (child)
                    todo << k;
            }
        }
    }
    return out.isEmpty() ? QStringList{key} : out;
}

} // namespace

QStringList tablesRead(const catalog::Catalog& catalog, const QString& viewKey)
{
    QStringList out;
    QSet<QString> seen{viewKey};
    QStringList todo{viewKey};
    while (!todo.isEmpty()) {
        for (const QString& r : catalog.referencedBy(todo.takeLast())) {
            if (seen.contains(r))
                continue;
            seen.insert(r);
            const QString kind = kindOf(r);
            const QString table = kind == QLatin1String("table")    ? pathOfKey(r)
                                  : kind == QLatin1String("column") ? pathOfKey(owningTable(r))
                                                                    : QString();
            if (kind == QLatin1String("view"))
                todo << r;
            else if (!table.isEmpty() && !out.contains(table))
                out << table;
        }
    }
    return out;
}

QStringList fillReads(const RecipeContext& ctx, const QString& viewKey)
{
    QStringList tables = tablesRead(ctx.target(), viewKey);
    for (const QString& t : tablesRead(ctx.database(), viewKey))
        if (!tables.contains(t))
            tables << t;
    const QString path = pathOfKey(viewKey);
    const qsizetype dot = path.indexOf(QLatin1Char('.'));
    const catalog::View* v = ctx.target().view(path.left(dot), path.mid(dot + 1));
    QStringList stored;
    for (const QString& t : tables)
        for (const QString& k : storageOf(ctx.database(), t))
            if (!stored.contains(k))
                stored << k;
    QStringList out;
    for (size_t pass = 0; pass <= (v ? v->indexes.size() : 0); ++pass)
        out << stored;
    return out;
}

void budgetFill(Step& step, const QStringList& views, const QStringList& reads, RecipeContext& ctx)
{
    detail::BudgetVerdict v = detail::lockBudget(ctx, reads, Work::Build);
    const QStringList names = acceptNames(step, views, ctx);
    const QStringList& accepted = ctx.choices().acceptDowntime;
    v.accepted = std::all_of(names.begin(), names.end(),
                             [&](const QString& n) { return accepted.contains(n); });
    if (reads.isEmpty()) // nothing to measure: never taken as instant
        v.empty = v.within = false;
    if (!v.planned()) {
        overBudget(views, reads, names, v, ctx);
        return;
    }
    const QString what = QStringLiteral("Filling materialized view %1 inside the step")
                             .arg(views.join(QStringLiteral(", ")));
    for (Lock& l : step.locks)
        l.brief = l.brief && l.mode != LockMode::AccessExclusive;
    step.work = Work::Build;
    if (const QString guard = detail::sizeGuard(reads, v, false); !guard.isEmpty()) {
        step.sql = guard + QLatin1Char('\n') + step.sql;
        // Past five budgets the estimate was wrong: fail and roll back rather than hold on.
        const int limit = std::max(5000, int(5000 * ctx.options().lockBudgetSeconds));
        step.statementTimeoutMs =
            step.statementTimeoutMs > 0 ? std::min(step.statementTimeoutMs, limit) : limit;
        step.rationale += QStringLiteral(" %1 reads %2, within the lock budget; the step stops, "
                                         "changing nothing, if that grew past the budget since "
                                         "planning.")
                              .arg(what, detail::describeEstimate(v));
    } else {
        // Accepted: no cap of the estimate's making may stop the step half-way through.
        step.statementTimeoutMs = 0;
        step.rationale += QLatin1Char(' ') + detail::budgetRationale(v, what);
    }
    step.hazards.push_back({HazardKind::AccessExclusiveLock,
                            QStringLiteral("%1: what the step locks stays locked for %2")
                                .arg(what, detail::describeEstimate(v))});
}

} // namespace bellows::plan::deps

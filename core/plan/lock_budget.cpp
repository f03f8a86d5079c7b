#include "plan/lock_budget.h"

#include "plan/durations.h"
#include "plan/sql_builders.h"
#include "sql/quote.h"

#include <QLocale>

#include <algorithm>

namespace bellows::plan::detail {

namespace {

double bytesPerSecond(Work work)
{
    switch (work) {
    case Work::Scan:
        return durations::kScanBytesPerSecond;
    case Work::Build:
        return durations::kBuildBytesPerSecond;
    case Work::Rewrite:
    case Work::None:
        break;
    }
    return durations::kRewriteBytesPerSecond;
}

// The user accepted the downtime of this step: by naming its object (the type, the
// constraint), or every table it locks — never one table for the others.
bool accepts(const RecipeContext& ctx, const QStringList& objects, const QStringList& tables)
{
    const QStringList& accepted = ctx.choices().acceptDowntime;
    auto named = [&](const QString& n) { return accepted.contains(n); };
    return std::any_of(objects.begin(), objects.end(), named) ||
           (!tables.isEmpty() && std::all_of(tables.begin(), tables.end(), named));
}

QString sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

BudgetVerdict lockBudget(const RecipeContext& ctx, const QStringList& tables, Work work,
                         const QStringList& objects)
{
    BudgetVerdict v;
    v.empty = true;
    bool unknown = false;
    for (const QString& key : tables) {
        const qsizetype dot = key.indexOf(QLatin1Char('.'));
        const catalog::Table* t = ctx.liveTable(key.left(dot), key.mid(dot + 1));
        if (!t)
            continue; // created by the plan: empty
        v.empty = v.empty && t->estimatedRows == 0;
        // A table with rows has pages: a size of 0 was not measured, so it is not known.
        unknown = unknown || (t->estimatedRows != 0 && t->totalBytes <= 0);
        v.bytes += std::max<qint64>(t->totalBytes, 0);
    }
    const double budget = ctx.options().lockBudgetSeconds;
    v.seconds = v.empty ? durations::kMinimumSeconds : durations::forWork(work, v.bytes);
    v.within = v.empty || (!unknown && v.seconds <= budget);
    v.maxBytes =
        qint64(std::max(0.0, budget - durations::kCatalogOnlySeconds) * bytesPerSecond(work));
    v.accepted = accepts(ctx, objects, tables);
    return v;
}

BudgetVerdict lockBudget(const RecipeContext& ctx, const QString& schema, const QString& table,
                         Work work, const QStringList& objects)
{
    return lockBudget(ctx, QStringList{catalog::key(schema, table)}, work, objects);
}

QString describeEstimate(const BudgetVerdict& v)
{
    return QStringLiteral("about %1 s for %2")
        .arg(QString::number(v.seconds, 'g', 2), sizeText(v.bytes));
}

QString relationTreeBytesSql(const QString& relation)
{
    return QStringLiteral(
               "(WITH RECURSIVE bellows_tree(oid) AS (SELECT to_regclass(%1)::oid UNION SELECT "
               "i.inhrelid FROM pg_catalog.pg_inherits i JOIN bellows_tree t ON i.inhparent = "
               "t.oid) SELECT sum(pg_catalog.pg_total_relation_size(oid))::bigint FROM "
               "bellows_tree)")
        .arg(sql::quoteLiteral(relation));
}

namespace {

using Relation = std::pair<QString, QString>; // schema, name

QList<Relation> splitKeys(const QStringList& keys)
{
    QList<Relation> out;
    for (const QString& key : keys) {
        const qsizetype dot = key.indexOf(QLatin1Char('.'));
        out.push_back({key.left(dot), key.mid(dot + 1)});
    }
    return out;
}

// One DO block: the summed size of `relations` (their trees; one that does not exist counts 0)
// against what the budget allows.
QString summedSizeCheck(const QList<Relation>& relations, const BudgetVerdict& v, bool trees)
{
    QStringList names;
    QStringList sizes;
    for (const auto& [schema, table] : relations) {
        names << sqlb::rel(schema, table);
        sizes << QStringLiteral("COALESCE(%1, 0)")
                     .arg(trees
                              ? relationTreeBytesSql(names.last())
                              : QStringLiteral("pg_catalog.pg_total_relation_size(to_regclass(%1))")
                                    .arg(sql::quoteLiteral(names.last())));
    }
    const QString message =
        QStringLiteral("bellows: %1 grew past %2 since the plan was made: the step would hold its "
                       "lock longer than the lock budget; plan again")
            .arg(names.join(QStringLiteral(" + ")), sizeText(v.maxBytes));
    return QStringLiteral("DO %1;").arg(sqlb::dollarQuoted(
        QStringLiteral("BEGIN\n    IF %1 > %2 THEN\n"
                       "        RAISE EXCEPTION USING ERRCODE = "
                       "'object_not_in_prerequisite_state', MESSAGE = %3;\n    END IF;\n"
                       "END\n")
            .arg(sizes.join(QStringLiteral("\n        + ")), QString::number(v.maxBytes),
                 sql::quoteLiteral(message))));
}

QString guards(const QList<Relation>& relations, const BudgetVerdict& v, const QString& mode)
{
    QStringList out;
    if (v.empty) {
        for (const auto& [schema, table] : relations)
            out << sqlb::emptyTableGuard(schema, table);
        return out.join(QLatin1Char('\n'));
    }
    if (!v.within || relations.isEmpty())
        return {};
    // Every lock first, then one check of the sum: the budget is for the step, not per table.
    for (const auto& [schema, table] : relations)
        out << QStringLiteral("LOCK TABLE %1 IN %2 MODE;").arg(sqlb::rel(schema, table), mode);
    out << summedSizeCheck(relations, v, true);
    return out.join(QLatin1Char('\n'));
}

} // namespace

QString sizeGuard(const QStringList& tables, const BudgetVerdict& v, bool trees)
{
    if (tables.isEmpty() || (!v.within && !v.empty))
        return {};
    return summedSizeCheck(splitKeys(tables), v, trees);
}

QString budgetGuards(const QStringList& tables, const BudgetVerdict& v, const QString& mode)
{
    return guards(splitKeys(tables), v, mode);
}

QString budgetGuard(const QString& schema, const QString& table, const BudgetVerdict& v,
                    const QString& mode)
{
    return guards({{schema, table}}, v, mode);
}

bool hasBudgetGuard(const Step& step)
{
    return step.sql.contains(QLatin1String("when the plan was made and holds rows now")) ||
           step.sql.contains(QLatin1String("since the plan was made: the step would hold"));
}

bool downtimeAccepted(const PlanChoices& choices, const QString& relation)
{
    for (const QString& key : choices.acceptDowntime) {
        const qsizetype dot = key.indexOf(QLatin1Char('.'));
        if (sql::qualified(key.left(dot), key.mid(dot + 1)) == relation)
            return true;
    }
    return false;
}

QString budgetRationale(const BudgetVerdict& v, const QString& what)
{
    if (v.empty)
        return QStringLiteral("The table held no rows when planned: %1 is instant. The step locks "
                              "it and stops, changing nothing, if rows appeared since.")
            .arg(what);
    if (v.within)
        return QStringLiteral("%1 blocks the application while it runs; on the table's real size "
                              "it takes %2, within the lock budget. The step stops, changing "
                              "nothing, if the table grew past the budget since planning.")
            .arg(what, describeEstimate(v));
    return QStringLiteral("%1 blocks the application for %2, above the lock budget: the downtime "
                          "was accepted with --accept-downtime and is recorded in the plan.")
        .arg(what, describeEstimate(v));
}

void addOverBudgetFinding(RecipeContext& ctx, const QString& object, const QString& title,
                          const QString& reason, const BudgetVerdict& v, const QString& acceptName,
                          QStringList options, const QString& referenceRow)
{
    Finding f;
    f.object = object;
    f.title = title;
    f.reason = QStringLiteral("%1 Estimated from the table's real size: %2, above the lock budget "
                              "of %3 s.")
                   .arg(reason, describeEstimate(v),
                        QString::number(ctx.options().lockBudgetSeconds, 'g', 3));
    options << QStringLiteral("Accept the downtime: plan again with --accept-downtime %1 "
                              "(recorded in the plan)")
                   .arg(acceptName);
    f.options = options;
    f.referenceRow = referenceRow;
    ctx.addFinding(f);
}

} // namespace bellows::plan::detail

// The table attributes beyond comments, storage parameters and RLS flags: persistence
// (SET LOGGED / UNLOGGED, a rewrite under the lock budget), replica identity and traditional
// inheritance (INHERIT / NO INHERIT). Lock levels as measured on PostgreSQL 15 (pg_locks).

#include "plan/lock_budget.h"
#include "plan/recipes.h"
#include "plan/sql_builders.h"

#include "sql/quote.h"

namespace bellows::plan::detail {

using catalog::Table;
using diff::Change;
using sql::quoteIdent;

namespace {

Step tableStep(const Table& t, Phase phase, const QString& action)
{
    Step s;
    s.id = sqlb::stepId(toString(phase), action, sqlb::idPath(t.schema, t.name));
    s.phase = phase;
    s.locks = {sqlb::lock(LockMode::AccessExclusive, t.schema, t.name)};
    s.hazards = {sqlb::hazard(HazardKind::AccessExclusiveLock,
                              QStringLiteral("ACCESS EXCLUSIVE on %1 for a catalog update")
                                  .arg(sqlb::rel(t.schema, t.name)))};
    s.referenceRow = QStringLiteral("M1");
    return s;
}

void planPersistence(const Table& before, const Table& after, RecipeContext& ctx)
{
    const QString who = sqlb::rel(after.schema, after.name);
    const QString to = after.unlogged ? QStringLiteral("UNLOGGED") : QStringLiteral("LOGGED");
    const QString back = after.unlogged ? QStringLiteral("LOGGED") : QStringLiteral("UNLOGGED");
    const BudgetVerdict budget = lockBudget(ctx, before.schema, before.name, Work::Rewrite);
    Step s = tableStep(after, Phase::Expand, QStringLiteral("set-persistence"));
    s.title = QStringLiteral("Make %1 %2").arg(who, to);
    s.sql = sqlb::alterTable(after.schema, after.name, QStringLiteral("SET ") + to);
    s.rollbackSql = sqlb::alterTable(after.schema, after.name, QStringLiteral("SET ") + back);
    s.work = Work::Rewrite;
    s.locks = {sqlb::lock(LockMode::AccessExclusive, after.schema, after.name, false)};
    s.hazards = {sqlb::hazard(HazardKind::Rewrite,
                              QStringLiteral("SET %1 rewrites %2 (and its indexes) under ACCESS "
                                             "EXCLUSIVE")
                                  .arg(to, who))};
    if (after.unlogged)
        s.hazards.push_back(sqlb::hazard(
            HazardKind::DataLoss,
            QStringLiteral("an unlogged table is emptied after a crash and is not replicated")));
    if (!budget.planned()) {
        addOverBudgetFinding(
            ctx, who, QStringLiteral("Making %1 %2 rewrites the table").arg(who, to),
            QStringLiteral("ALTER TABLE … SET %1 copies every row into a new file while holding "
                           "ACCESS EXCLUSIVE.")
                .arg(to),
            budget, sqlb::idPath(before.schema, before.name),
            {QStringLiteral("Build a new %1 table and move the rows (T3 copy variant)").arg(to),
             QStringLiteral("Keep the table as it is in the target")},
            QStringLiteral("M1"));
        return;
    }
    const QString guard = budgetGuard(after.schema, after.name, budget);
    if (!guard.isEmpty())
        s.sql = guard + QLatin1Char('\n') + s.sql;
    s.rationale = budgetRationale(budget, QStringLiteral("SET %1 (a rewrite)").arg(to));
    ctx.add(std::move(s));
}

QString replicaIdentityClause(const Table& t)
{
    if (t.replicaIdentity == QLatin1String("index"))
        return QStringLiteral("REPLICA IDENTITY USING INDEX ") + quoteIdent(t.replicaIdentityIndex);
    return QStringLiteral("REPLICA IDENTITY ") + t.replicaIdentity.toUpper();
}

void planReplicaIdentity(const Table& before, const Table& after, RecipeContext& ctx)
{
    const QString who = sqlb::rel(after.schema, after.name);
    // An index the plan creates is built (concurrently) in expand: use it afterwards.
    const bool newIndex = after.replicaIdentity == QLatin1String("index") &&
                          !before.index(after.replicaIdentityIndex);
    const Phase phase = newIndex ? Phase::Tighten : Phase::Expand;
    Step s = tableStep(after, phase, QStringLiteral("replica-identity"));
    s.title = QStringLiteral("Set the replica identity of %1 to %2")
                  .arg(who, replicaIdentityClause(after).mid(17));
    s.sql = sqlb::alterTable(after.schema, after.name, replicaIdentityClause(after));
    s.rollbackSql = before.replicaIdentity == QLatin1String("index") &&
                            !after.index(before.replicaIdentityIndex)
                        ? QString()
                        : sqlb::alterTable(after.schema, after.name, replicaIdentityClause(before));
    if (s.rollbackSql.isEmpty())
        s.irreversibleReason = QStringLiteral("The former replica identity index is dropped.");
    if (newIndex)
        s.dependsOn = {QStringLiteral("expand:create-index:%1.%2.%3")
                           .arg(after.schema, after.name, after.replicaIdentityIndex)};
    s.rationale = QStringLiteral("A catalog update (brief ACCESS EXCLUSIVE): it changes what "
                                 "logical replication writes to the WAL for updates and "
                                 "deletes.");
    ctx.add(std::move(s));
}

void planInherits(const Table& before, const Table& after, RecipeContext& ctx)
{
    const QString who = sqlb::rel(after.schema, after.name);
    auto parentRel = [](const QString& parent) {
        const QStringList parts = sql::splitQualifiedName(parent);
        return parts.size() == 2 ? sqlb::rel(parts.at(0), parts.at(1)) : parent;
    };
    for (const QString& parent : after.inherits) {
        if (before.inherits.contains(parent))
            continue;
        Step s = tableStep(after, Phase::Expand, QStringLiteral("inherit"));
        s.id += QLatin1Char('.') + parent;
        s.title = QStringLiteral("Make %1 inherit from %2").arg(who, parentRel(parent));
        s.sql = sqlb::alterTable(after.schema, after.name,
                                 QStringLiteral("INHERIT ") + parentRel(parent));
        s.rollbackSql = sqlb::alterTable(after.schema, after.name,
                                         QStringLiteral("NO INHERIT ") + parentRel(parent));
        s.hazards.push_back(
            sqlb::hazard(HazardKind::BreaksRunningApp,
                         QStringLiteral("queries on %1 see the rows of %2 from now on")
                             .arg(parentRel(parent), who)));
        s.rationale = QStringLiteral("A catalog update: PostgreSQL checks that %1 has the "
                                     "parent's columns and CHECK constraints, without reading "
                                     "rows (ACCESS EXCLUSIVE on the child, SHARE UPDATE "
                                     "EXCLUSIVE on the parent).")
                          .arg(who);
        ctx.add(std::move(s));
    }
    for (const QString& parent : before.inherits) {
        if (after.inherits.contains(parent))
            continue;
        Step s = tableStep(after, Phase::Contract, QStringLiteral("no-inherit"));
        s.id += QLatin1Char('.') + parent;
        s.title = QStringLiteral("Stop %1 inheriting from %2").arg(who, parentRel(parent));
        s.sql = sqlb::alterTable(after.schema, after.name,
                                 QStringLiteral("NO INHERIT ") + parentRel(parent));
        s.rollbackSql = sqlb::alterTable(after.schema, after.name,
                                         QStringLiteral("INHERIT ") + parentRel(parent));
        s.hazards.push_back(
            sqlb::hazard(HazardKind::BreaksRunningApp,
                         QStringLiteral("queries on %1 no longer see the rows of %2")
                             .arg(parentRel(parent), who)));
        s.rationale = QStringLiteral("Contract: the running app no longer reads the rows of %1 "
                                     "through %2. A catalog update.")
                          .arg(who, parentRel(parent));
        ctx.add(std::move(s));
    }
}

} // namespace

bool planTableAttribute(const diff::AttributeChange& a, const Table& before, const Table& after,
                        RecipeContext& ctx)
{
    if (a.attribute == QLatin1String("unlogged"))
        planPersistence(before, after, ctx);
    else if (a.attribute == QLatin1String("replica identity"))
        planReplicaIdentity(before, after, ctx);
    else if (a.attribute == QLatin1String("inherits"))
        planInherits(before, after, ctx);
    else
        return false;
    return true;
}

} // namespace bellows::plan::detail

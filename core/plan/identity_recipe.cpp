#include "plan/identity_recipe.h"

#include "plan/sql_builders.h"
#include "sql/quote.h"

namespace bellows::plan::recipes {

namespace {

using catalog::IdentityKind;

QString generatedClause(IdentityKind kind)
{
    return kind == IdentityKind::Always ? QStringLiteral("ALWAYS") : QStringLiteral("BY DEFAULT");
}

QString alterColumn(const diff::Change& change, const QString& column, const QString& clause)
{
    return sqlb::alterTable(change.schema, change.table,
                            QStringLiteral("ALTER COLUMN %1 %2").arg(sql::quoteIdent(column), clause));
}

Step identityStep(const diff::Change& change, Phase phase, const QString& action,
                  const QString& column)
{
    Step s;
    s.id = sqlb::stepId(toString(phase), action, sqlb::idPath(change.schema, change.table, column));
    s.phase = phase;
    s.locks = {sqlb::lock(LockMode::AccessExclusive, change.schema, change.table)};
    s.hazards = {sqlb::hazard(HazardKind::AccessExclusiveLock,
                              QStringLiteral("ACCESS EXCLUSIVE on %1 for a catalog update")
                                  .arg(sqlb::rel(change.schema, change.table)))};
    s.referenceRow = QStringLiteral("Q3");
    return s;
}

// The identity's sequence continues after the largest value already in the column, in the same
// transaction as the ADD (a key column is indexed: max() reads one index entry).
QString continueSequence(const diff::Change& change, const QString& column)
{
    const QString relation = sqlb::rel(change.schema, change.table);
    return QStringLiteral("SELECT setval(pg_get_serial_sequence(%1, %2), coalesce(max(%3), 0) + 1, "
                          "false) FROM %4;")
        .arg(sql::quoteLiteral(relation), sql::quoteLiteral(column), sql::quoteIdent(column),
             relation);
}

} // namespace

bool planIdentityChange(const diff::Change& change, const catalog::Column& before,
                        const catalog::Column& after, RecipeContext& ctx)
{
    // A sequence default (serial) on either side needs its own sequence handled: not here.
    if (!before.defaultExpr.isEmpty() || !after.defaultExpr.isEmpty())
        return false;
    const QString who = sqlb::rel(change.schema, change.table) + QLatin1Char('.') +
                        sql::quoteIdent(after.name);
    if (before.identity == IdentityKind::None) {
        Step s = identityStep(change, Phase::Expand, QStringLiteral("add-identity"), after.name);
        s.title = QStringLiteral("Make %1 an identity column (GENERATED %2)")
                      .arg(who, generatedClause(after.identity));
        s.sql = alterColumn(change, after.name,
                            QStringLiteral("ADD GENERATED %1 AS IDENTITY")
                                .arg(generatedClause(after.identity))) +
                QLatin1Char('\n') + continueSequence(change, after.name);
        s.rollbackSql = alterColumn(change, after.name, QStringLiteral("DROP IDENTITY"));
        s.rationale = QStringLiteral("A catalog update plus a new sequence, set past the largest "
                                     "value in the column so new rows cannot collide.");
        s.hazards.push_back(sqlb::hazard(
            HazardKind::FullScan,
            QStringLiteral("reads max(%1) while holding the lock: one index entry when the column "
                           "leads an index (a key), a scan of the table otherwise")
                .arg(sql::quoteIdent(after.name))));
        if (after.identity == IdentityKind::Always)
            s.hazards.push_back(sqlb::hazard(
                HazardKind::BreaksRunningApp,
                QStringLiteral("inserts that give %1 a value fail (GENERATED ALWAYS)").arg(who)));
        ctx.add(std::move(s));
        return true;
    }
    if (after.identity == IdentityKind::None) {
        // Inserts that leave the column out need the identity until no app version does.
        Step s = identityStep(change, Phase::Contract, QStringLiteral("drop-identity"), after.name);
        s.title = QStringLiteral("Drop the identity of %1").arg(who);
        s.sql = alterColumn(change, after.name, QStringLiteral("DROP IDENTITY"));
        s.irreversibleReason = QStringLiteral("The identity's sequence is dropped with it.");
        s.hazards.push_back(sqlb::hazard(
            HazardKind::BreaksRunningApp,
            QStringLiteral("inserts that leave %1 out fail from now on").arg(who)));
        s.rationale = QStringLiteral("Contract: every running app version gives the value itself.");
        ctx.add(std::move(s));
        return true;
    }
    Step s = identityStep(change, Phase::Expand, QStringLiteral("set-identity"), after.name);
    s.title = QStringLiteral("Make %1 GENERATED %2").arg(who, generatedClause(after.identity));
    s.sql = alterColumn(change, after.name,
                        QStringLiteral("SET GENERATED %1").arg(generatedClause(after.identity)));
    s.rollbackSql = alterColumn(change, after.name,
                                QStringLiteral("SET GENERATED %1").arg(generatedClause(before.identity)));
    s.rationale = QStringLiteral("A catalog update; the sequence and its position stay.");
    if (after.identity == IdentityKind::Always)
        s.hazards.push_back(sqlb::hazard(
            HazardKind::BreaksRunningApp,
            QStringLiteral("inserts that give %1 a value fail (GENERATED ALWAYS)").arg(who)));
    ctx.add(std::move(s));
    return true;
}

} // namespace bellows::plan::recipes

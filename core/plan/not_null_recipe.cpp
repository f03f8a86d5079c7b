// The C7 NOT NULL route that new columns, fills and column swaps share: a column proven free
// of NULLs by a validated CHECK, then SET NOT NULL (or, on an empty table, the direct statement
// behind a guard that stops if rows appeared since planning).

#include "exec/batch_statements.h"
#include "plan/column_swap.h"
#include "plan/recipes.h"
#include "plan/sql_builders.h"

#include "sql/quote.h"

namespace bellows::plan {

using sql::quoteIdent;

namespace detail {

namespace {

QString unvalidatedNotNull(const catalog::Table* live, const QString& column)
{
    if (!live)
        return {};
    for (const catalog::Column& c : live->columns)
        if (c.name == column)
            return c.unvalidatedNotNull;
    return {};
}

// The constraint that makes new writes obey at once: NOT NULL NOT VALID on 18, else the helper
// CHECK. Returns its step id.
QString addNotNullConstraint(RecipeContext& ctx, const NotNullRequest& r, Step add,
                             const QString& name, const QString& checkDef,
                             const std::vector<Hazard>& breaks, const QString& placement)
{
    const QString who = sqlb::rel(r.schema, r.table) + QLatin1Char('.') + quoteIdent(r.column);
    const bool pg18 = ctx.major() >= 18;

    add.title = pg18 ? QStringLiteral("Add NOT NULL on %1 without checking existing rows").arg(who)
                     : QStringLiteral("Add CHECK (%1 IS NOT NULL) without checking existing rows")
                           .arg(quoteIdent(r.column));
    add.sql = pg18 ? sqlb::alterTable(r.schema, r.table,
                                      QStringLiteral("ADD CONSTRAINT %1 NOT NULL %2 NOT VALID")
                                          .arg(quoteIdent(name), quoteIdent(r.column)))
                   : sqlb::addConstraint(r.schema, r.table, name, checkDef, true);
    add.rollbackSql = sqlb::dropConstraint(r.schema, r.table, name, true);
    add.hazards.insert(add.hazards.end(), breaks.begin(), breaks.end());
    add.rationale = QStringLiteral("NOT VALID: a catalog update; new writes are checked at once, "
                                   "existing rows by the next step. ") +
                    placement;
    return ctx.add(std::move(add)).id;
}

// VALIDATE under SHARE UPDATE EXCLUSIVE: reads and writes continue. A constraint that predates
// the plan (`existed`) has no rollback: the plan keeps what the database had.
QString addValidateStep(RecipeContext& ctx, const NotNullRequest& r, Phase phase,
                        const QString& name, bool existed, const QStringList& dependsOn)
{
    Step validate;
    validate.id = sqlb::stepId(toString(phase), QStringLiteral("validate-not-null"),
                               sqlb::idPath(r.schema, r.table, r.column));
    validate.phase = phase;
    validate.title =
        QStringLiteral("Validate that %1 holds no NULLs")
            .arg(sqlb::rel(r.schema, r.table) + QLatin1Char('.') + quoteIdent(r.column));
    validate.sql = sqlb::validateConstraint(r.schema, r.table, name);
    if (!existed)
        validate.rollbackSql = sqlb::dropConstraint(r.schema, r.table, name, true);
    validate.locks = {sqlb::lock(LockMode::ShareUpdateExclusive, r.schema, r.table, false)};
    validate.work = Work::Scan;
    validate.hazards = {sqlb::hazard(HazardKind::ValidationScan,
                                     QStringLiteral("scans %1 under SHARE UPDATE EXCLUSIVE; reads "
                                                    "and writes continue")
                                         .arg(sqlb::rel(r.schema, r.table)))};
    validate.referenceRow = QStringLiteral("C7");
    validate.dependsOn = dependsOn;
    validate.rationale = ctx.major() >= 18
                             ? QStringLiteral("On PostgreSQL 18 the validated NOT NULL "
                                              "constraint makes the column NOT NULL; no "
                                              "SET NOT NULL (it would scan under AE).")
                             : QStringLiteral("Its own transaction; proves no NULL exists so "
                                              "SET NOT NULL needs no scan (PostgreSQL 12+).");
    return ctx.add(std::move(validate)).id;
}

} // namespace

void planNotNull(RecipeContext& ctx, const NotNullRequest& r)
{
    const QString who = sqlb::rel(r.schema, r.table) + QLatin1Char('.') + quoteIdent(r.column);
    const QString p = sqlb::idPath(r.schema, r.table, r.column);
    const catalog::Table* live =
        ctx.liveTable(r.schema, r.liveTable.isEmpty() ? r.table : r.liveTable);
    const bool rows = live && live->estimatedRows != 0;
    const Phase phase = r.guaranteed ? Phase::Tighten : Phase::Contract;
    const QString placement =
        r.guaranteed
            ? QStringLiteral("Runs before the final gate because %1, so no running app version "
                             "writes NULL.")
                  .arg(r.guaranteeReason)
            : QStringLiteral("Runs after the final gate: nothing guarantees that the old app "
                             "version never writes NULL, so only the new version may be running. "
                             "If old instances wrote NULLs after the backfill, VALIDATE fails "
                             "without harm: re-run the backfill (apply --redo) and retry.");
    const std::vector<Hazard> breaks =
        r.unknownToOldApp
            ? std::vector<Hazard>{}
            : std::vector<Hazard>{
                  sqlb::hazard(HazardKind::BreaksRunningApp,
                               QStringLiteral("from now on, writing NULL into %1 fails").arg(who))};
    QStringList deps = r.dependsOn;

    if (r.mayHoldNulls && rows) {
        if (r.fillExpression.isEmpty() && r.nullsCertain) {
            Finding f;
            f.object = who;
            f.title = QStringLiteral("%1 holds NULL in every existing row: cannot make it NOT NULL")
                          .arg(who);
            f.reason = QStringLiteral("%1 is new, so every row the table holds now has NULL in it, "
                                      "and there is nothing to fill them with (no default, no "
                                      "fill).")
                           .arg(who);
            f.options = {QStringLiteral("Give --fill %1=EXPR").arg(p),
                         QStringLiteral("Give the column a default in the target schema"),
                         QStringLiteral("Make the app write it first and fill old rows yourself")};
            f.referenceRow = QStringLiteral("C7");
            ctx.addFinding(f);
        } else if (!r.fillExpression.isEmpty()) {
            Step b;
            b.id = sqlb::stepId(QStringLiteral("backfill"), QStringLiteral("fill-nulls"), p);
            b.phase = Phase::Backfill;
            b.title = QStringLiteral("Fill NULLs in %1 in batches").arg(who);
            Backfill bf;
            bf.schema = r.schema;
            bf.table = r.table;
            bf.keyColumns = primaryKeyColumns(live);
            bf.setClause = quoteIdent(r.column) + QStringLiteral(" = ") + r.fillExpression;
            bf.pendingPredicate = quoteIdent(r.column) + QStringLiteral(" IS NULL");
            bf.batchRows = ctx.options().backfillBatchRows;
            b.sql = exec::backfillStatementText(bf);
            b.backfill = bf;
            b.locks = {sqlb::lock(LockMode::RowExclusive, r.schema, r.table)};
            b.hazards = {sqlb::hazard(HazardKind::BackfillLoad,
                                      QStringLiteral("updates the NULL rows of %1 in batches")
                                          .arg(sqlb::rel(r.schema, r.table)))};
            b.irreversibleReason = QStringLiteral("The filled values replace NULLs; which rows "
                                                  "were NULL is not recorded.");
            b.dependsOn = deps;
            b.referenceRow = QStringLiteral("C7");
            b.rationale = QStringLiteral("Existing NULLs must go before the constraint is "
                                         "validated; keyset batches, NULL rows only.");
            deps = {b.id};
            ctx.add(std::move(b));
        }
    }

    auto aeStep = [&](const QString& action) {
        Step s;
        s.id = sqlb::stepId(toString(phase), action, p);
        s.phase = phase;
        s.locks = {sqlb::lock(LockMode::AccessExclusive, r.schema, r.table)};
        s.hazards = {sqlb::hazard(HazardKind::AccessExclusiveLock,
                                  QStringLiteral("ACCESS EXCLUSIVE on %1 for a catalog update")
                                      .arg(sqlb::rel(r.schema, r.table)))};
        s.referenceRow = QStringLiteral("C7");
        s.dependsOn = deps;
        return s;
    };

    if (!rows) {
        Step s = aeStep(QStringLiteral("set-not-null"));
        s.title = QStringLiteral("Make %1 NOT NULL").arg(who);
        // A table created by this plan is empty by construction; a live one is checked again.
        s.sql = (live ? sqlb::emptyTableGuard(r.schema, r.table) + QLatin1Char('\n') : QString()) +
                sqlb::setNotNull(r.schema, r.table, r.column);
        s.rollbackSql = sqlb::dropNotNull(r.schema, r.table, r.column);
        s.hazards.insert(s.hazards.end(), breaks.begin(), breaks.end());
        s.rationale = QStringLiteral("The table holds no rows: the NOT NULL check scans nothing "
                                     "(the step stops, changing nothing, if rows appeared since "
                                     "planning). ") +
                      placement;
        ctx.add(std::move(s));
        return;
    }

    const bool pg18 = ctx.major() >= 18;
    // PostgreSQL 18: a NOT NULL constraint added NOT VALID earlier (a plan stopped before its
    // VALIDATE) is validated as it is; another one could not be added beside it.
    const QString pending = pg18 ? unvalidatedNotNull(live, r.column) : QString();
    const QString name =
        !pending.isEmpty()
            ? pending
            : sqlb::boundedName(r.table + QLatin1Char('_') + r.column, QStringLiteral("_not_null"));
    const QString checkDef = QStringLiteral("CHECK (%1 IS NOT NULL)").arg(quoteIdent(r.column));

    QString addId;
    if (pending.isEmpty())
        addId = addNotNullConstraint(ctx, r, aeStep(QStringLiteral("add-not-null-constraint")),
                                     name, checkDef, breaks, placement);

    const QString validateId = addValidateStep(ctx, r, phase, name, !pending.isEmpty(),
                                               addId.isEmpty() ? deps : QStringList{addId});
    if (pg18)
        return;

    deps = {validateId};
    Step set = aeStep(QStringLiteral("set-not-null"));
    set.title = QStringLiteral("Make %1 NOT NULL (proven by the check, no scan)").arg(who);
    set.sql = sqlb::setNotNull(r.schema, r.table, r.column);
    set.rollbackSql = sqlb::dropNotNull(r.schema, r.table, r.column);
    set.rationale = ctx.major() >= 12
                        ? QStringLiteral("The validated CHECK proves the column has no NULL, so "
                                         "PostgreSQL skips the scan.")
                        : QStringLiteral("Before PostgreSQL 12 this scans under ACCESS "
                                         "EXCLUSIVE; keep the CHECK instead if the table is big.");
    const QString setId = set.id;
    ctx.add(std::move(set));

    deps = {setId};
    Step drop = aeStep(QStringLiteral("drop-not-null-check"));
    drop.title = QStringLiteral("Drop the helper CHECK on %1").arg(who);
    drop.sql = sqlb::dropConstraint(r.schema, r.table, name);
    drop.rollbackSql = sqlb::addConstraint(r.schema, r.table, name, checkDef, true);
    drop.rationale = QStringLiteral("The column's NOT NULL now enforces the same rule.");
    ctx.add(std::move(drop));
}

} // namespace detail

} // namespace bellows::plan

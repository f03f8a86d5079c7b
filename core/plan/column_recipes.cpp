// Column recipes (reference §2.2 C1–C9, §2.3 Y1). Renames and rewriting type changes go to the
// column swap (column_swap_recipe.cpp); NOT NULL goes through planNotNull (C7).

#include "exec/batch_statements.h"
#include "plan/column_swap.h"
#include "plan/conversion.h"
#include "plan/generated_recipe.h"
#include "plan/identity_recipe.h"
#include "plan/lock_budget.h"
#include "plan/recipes.h"
#include "plan/sql_builders.h"
#include "plan/sync_trigger.h"

#include "sql/quote.h"

#include <QRegularExpression>

namespace bellows::plan {

using catalog::Column;
using diff::Action;
using diff::Change;
using sql::quoteIdent;

namespace {

// Defaults PostgreSQL evaluates per row, so ADD COLUMN with them rewrites the table (C3). A
// query-free heuristic: functions known to be volatile, and sequences. Anything else that is
// volatile (a user function) is caught only by the reviewer; the list errs on the safe side.
bool isVolatileDefault(const QString& expression)
{
    static const char* const kVolatile[] = {
        "nextval(",
        "clock_timestamp(",
        "random(",
        "gen_random_uuid(",
        "uuid_generate_",
        "uuidv4(",
        "uuidv7(",
        "timeofday(",
        "txid_current(",
        "pg_current_xact_id(",
        "statement_timestamp(",
        "setseed(",
        "gen_random_bytes(",
        "random_normal(",
        "currval(",
        "lastval(",
    };
    const QString lower = expression.toLower();
    for (const char* f : kVolatile) {
        if (lower.contains(QLatin1String(f)))
            return true;
    }
    return false;
}

QString path(const Change& change, const QString& column)
{
    return sqlb::idPath(change.schema, change.table, column);
}

QString display(const Change& change, const QString& column)
{
    return sqlb::rel(change.schema, change.table) + QLatin1Char('.') + quoteIdent(column);
}

Hazard briefAe(const Change& change)
{
    return sqlb::hazard(HazardKind::AccessExclusiveLock,
                        QStringLiteral("ACCESS EXCLUSIVE on %1 for a catalog update; it waits "
                                       "behind running transactions, bounded by lock_timeout")
                            .arg(sqlb::rel(change.schema, change.table)));
}

Step catalogStep(const Change& change, Phase phase, const QString& action, const QString& column)
{
    Step s;
    s.id = sqlb::stepId(toString(phase), action, path(change, column));
    s.phase = phase;
    s.locks = {sqlb::lock(LockMode::AccessExclusive, change.schema, change.table)};
    s.hazards = {briefAe(change)};
    return s;
}

bool hasCheckOn(const catalog::Table* table, const QString& column)
{
    if (!table)
        return false;
    for (const catalog::Constraint& c : table->constraints) {
        if (c.kind == catalog::ConstraintKind::Check && c.columns.contains(column))
            return true;
    }
    return false;
}

bool isIndexed(const catalog::Table* table, const QString& column)
{
    if (!table)
        return false;
    const QRegularExpression word(
        QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(column)));
    for (const catalog::Index& i : table->indexes) {
        for (const catalog::IndexKey& k : i.keys) {
            if (k.column == column || k.expression.contains(word))
                return true;
        }
        if (i.keys.empty() && i.definition.contains(word))
            return true;
    }
    return false;
}

void addComment(RecipeContext& ctx, const Change& change, const Column& before, const Column& after)
{
    Step s;
    s.id = sqlb::stepId(QStringLiteral("expand"), QStringLiteral("comment-column"),
                        path(change, after.name));
    s.phase = Phase::Expand;
    s.title = QStringLiteral("Set the comment of column %1").arg(display(change, after.name));
    s.sql = sqlb::commentOnColumn(change.schema, change.table, after.name, after.comment);
    s.rollbackSql = sqlb::commentOnColumn(change.schema, change.table, after.name, before.comment);
    s.locks = {sqlb::lock(LockMode::ShareUpdateExclusive, change.schema, change.table)};
    s.referenceRow = QStringLiteral("M2");
    s.rationale = QStringLiteral("Comments are metadata: SHARE UPDATE EXCLUSIVE, no effect on "
                                 "application reads or writes.");
    ctx.add(std::move(s));
}

void planAdd(const Change& change, RecipeContext& ctx)
{
    const Column* col = change.afterAs<Column>();
    if (!col)
        return;
    // A column the target table only inherits arrives with the parent's ADD COLUMN (or its
    // INHERIT): adding it here too would fail ("already exists").
    if (!col->isLocal) {
        const catalog::Table* target = ctx.target().table(change.schema, change.table);
        if (target && !target->inherits.isEmpty())
            return;
    }
    const QString s = change.schema;
    const QString t = change.table;
    const catalog::Table* live = detail::liveTableOf(change, ctx);
    const bool rows = live && live->estimatedRows != 0;
    const QString who = display(change, col->name);
    const QString comment =
        col->comment.isEmpty()
            ? QString()
            : QLatin1Char('\n') + sqlb::commentOnColumn(s, t, col->name, col->comment);

    Step step = catalogStep(change, Phase::Expand, QStringLiteral("add-column"), col->name);
    detail::planColumnSettings(ctx, s, t, nullptr, *col, {step.id});
    step.rollbackSql = sqlb::dropColumn(s, t, col->name);
    step.referenceRow = QStringLiteral("C1");

    const bool generatedStored = col->generated == catalog::GeneratedKind::Stored;
    const bool identity = col->identity != catalog::IdentityKind::None;
    const bool volatileDefault =
        !col->defaultExpr.isEmpty() && (isVolatileDefault(col->defaultExpr) || ctx.major() < 11);

    // An empty table, a virtual column, or a non-volatile default: one statement, no rewrite.
    const bool rewrites = rows && (generatedStored || identity || volatileDefault);
    if (!rows || col->generated == catalog::GeneratedKind::Virtual ||
        (!col->defaultExpr.isEmpty() && !volatileDefault) ||
        (col->defaultExpr.isEmpty() && !col->notNull && !identity && !generatedStored) ||
        generatedStored || identity) {
        step.sql = sqlb::addColumn(s, t, *col) + comment;
        step.title = QStringLiteral("Add column %1").arg(who);
        if (col->generated == catalog::GeneratedKind::Virtual) {
            step.referenceRow = QStringLiteral("C5");
            step.rationale = QStringLiteral("A virtual generated column (PostgreSQL 18) is "
                                            "computed on read: adding it is a catalog update.");
        } else if (!col->defaultExpr.isEmpty() && !volatileDefault) {
            step.referenceRow = col->notNull ? QStringLiteral("C4") : QStringLiteral("C2");
            step.rationale = QStringLiteral("A non-volatile default is stored once in the catalog "
                                            "(PostgreSQL 11+): existing rows are not rewritten, "
                                            "and old code that omits the column gets the "
                                            "default.");
        } else if (!rows) {
            step.rationale = QStringLiteral("The table holds no rows, so the full definition is "
                                            "added in one statement without a rewrite.");
        } else {
            step.rationale = QStringLiteral("A nullable column without default is a catalog "
                                            "update; old code does not see it.");
        }
        if (rewrites) {
            step.work = Work::Rewrite;
            step.locks = {sqlb::lock(LockMode::AccessExclusive, s, t, false)};
            step.hazards.push_back(sqlb::hazard(
                HazardKind::Rewrite,
                QStringLiteral("%1 rewrites %2 and rebuilds its indexes under ACCESS EXCLUSIVE")
                    .arg(who, sqlb::rel(s, t))));
            step.referenceRow = generatedStored ? QStringLiteral("C5") : QStringLiteral("C3");
            const detail::BudgetVerdict budget =
                detail::lockBudget(ctx, live->schema, live->name, Work::Rewrite);
            if (budget.planned()) {
                const QString guard = detail::budgetGuard(live->schema, live->name, budget);
                if (!guard.isEmpty())
                    step.sql = guard + QLatin1Char('\n') + step.sql;
                step.rationale = detail::budgetRationale(
                    budget, generatedStored ? QStringLiteral("Computing the stored column for "
                                                             "every row (a rewrite)")
                                            : QStringLiteral("Drawing an identity value for "
                                                             "every row (a rewrite)"));
                ctx.add(std::move(step));
                return;
            }
            QString title;
            QString reason;
            QStringList options;
            if (generatedStored) {
                title =
                    QStringLiteral("Adding stored generated column %1 rewrites the table").arg(who);
                reason = QStringLiteral("PostgreSQL computes the value for every existing row "
                                        "while holding ACCESS EXCLUSIVE on the table.");
                options = {
                    QStringLiteral("On PostgreSQL 18: make it VIRTUAL (computed on read)"),
                    QStringLiteral("Add a plain nullable column, a BEFORE INSERT OR UPDATE "
                                   "trigger that computes it, and backfill in batches"),
                    QStringLiteral("Use an expression index or a view instead"),
                };
            } else {
                title = QStringLiteral("Adding identity column %1 rewrites the table").arg(who);
                reason = QStringLiteral("An identity column draws a sequence value for every "
                                        "existing row: a rewrite under ACCESS EXCLUSIVE.");
                options = {
                    QStringLiteral("Create a sequence, add the column nullable with DEFAULT "
                                   "nextval(...), backfill it in batches, then NOT NULL (C7) and "
                                   "ADD GENERATED BY DEFAULT AS IDENTITY after setval (Q3)"),
                    QStringLiteral("Build a new table and move the rows (T3 copy variant)"),
                };
            }
            detail::addOverBudgetFinding(ctx, who, title, reason, budget,
                                         sqlb::idPath(live->schema, live->name), options,
                                         step.referenceRow);
        }
        ctx.add(std::move(step));
        return;
    }

    // C3 (volatile default) or a NOT NULL column without default on a non-empty table: add it
    // nullable first; the default, when there is one, applies to new rows at once.
    Column nullable = *col;
    nullable.notNull = false;
    if (volatileDefault) {
        step.sql = sqlb::alterTable(s, t,
                                    QStringLiteral("ADD COLUMN %1, ALTER COLUMN %2 SET DEFAULT %3")
                                        .arg(sqlb::columnDefinition(nullable, false, false),
                                             quoteIdent(col->name), col->defaultExpr)) +
                   comment;
        step.title =
            QStringLiteral("Add column %1 (nullable) with its default for new rows").arg(who);
        step.referenceRow = QStringLiteral("C3");
        step.rationale = QStringLiteral("ADD COLUMN with a volatile default would rewrite the "
                                        "table; SET DEFAULT in the same statement only applies to "
                                        "new rows. Existing rows are filled by the backfill.");
    } else {
        step.sql = sqlb::addColumn(s, t, nullable) + comment;
        step.title = QStringLiteral("Add column %1 (nullable for now)").arg(who);
        step.referenceRow = QStringLiteral("C4");
        step.rationale = QStringLiteral("NOT NULL without a default cannot be added to a table "
                                        "with rows; the column is added nullable, filled, then "
                                        "made NOT NULL the safe way (C7).");
    }
    const QString addId = step.id;
    ctx.add(std::move(step));

    QStringList deps{addId};
    if (volatileDefault) {
        Step b;
        b.id = sqlb::stepId(QStringLiteral("backfill"), QStringLiteral("fill-column"),
                            path(change, col->name));
        b.phase = Phase::Backfill;
        b.title = QStringLiteral("Fill %1 for existing rows in batches").arg(who);
        Backfill bf;
        bf.schema = s;
        bf.table = t;
        bf.keyColumns = detail::primaryKeyColumns(live);
        bf.setClause = quoteIdent(col->name) + QStringLiteral(" = ") + col->defaultExpr;
        bf.pendingPredicate = quoteIdent(col->name) + QStringLiteral(" IS NULL");
        bf.batchRows = ctx.options().backfillBatchRows;
        b.sql = exec::backfillStatementText(bf);
        b.backfill = bf;
        b.locks = {sqlb::lock(LockMode::RowExclusive, s, t)};
        b.hazards = {sqlb::hazard(HazardKind::BackfillLoad,
                                  QStringLiteral("updates every row of %1 in batches: WAL, dead "
                                                 "tuples, replica lag")
                                      .arg(sqlb::rel(s, t)))};
        b.irreversibleReason = QStringLiteral("Nothing to undo: it only fills the new column, "
                                              "which the expand rollback drops.");
        b.dependsOn = deps;
        b.referenceRow = QStringLiteral("C3");
        b.rationale = QStringLiteral("Keyset batches, one short transaction each; only rows "
                                     "still NULL are touched, so retries are harmless.");
        deps = {b.id};
        ctx.add(std::move(b));
    }
    if (col->notNull) {
        detail::NotNullRequest r;
        r.schema = s;
        r.table = t;
        r.column = col->name;
        if (live)
            r.liveTable = live->name;
        r.mayHoldNulls = !volatileDefault;
        r.nullsCertain = !volatileDefault;
        if (const Fill* fill = ctx.fillFor(s, t, col->name))
            r.fillExpression = fill->expression;
        r.guaranteed = volatileDefault;
        r.unknownToOldApp = volatileDefault; // the default fills it for old code
        r.guaranteeReason = QStringLiteral("the column default fills it for old code, which does "
                                           "not know the column");
        r.dependsOn = deps;
        detail::planNotNull(ctx, r);
    }
}

// Other tables' foreign keys that reference schema.table(column) and are not dropped by the plan.
QStringList referencingForeignKeys(const RecipeContext& ctx, const QString& schema,
                                   const QString& table, const QString& column)
{
    QStringList out;
    for (const catalog::Table& other : ctx.database().tables) {
        for (const catalog::Constraint& c : other.constraints) {
            if (c.kind != catalog::ConstraintKind::ForeignKey || c.refSchema != schema ||
                c.refTable != table || !c.refColumns.contains(column))
                continue;
            if (other.schema == schema && other.name == table)
                continue; // self-reference: goes with the column
            const Change* dropped =
                ctx.changes().find(diff::ObjectKind::Constraint, other.schema, other.name, c.name);
            const Change* tableDropped =
                ctx.changes().find(diff::ObjectKind::Table, other.schema, QString(), other.name);
            if ((dropped && dropped->action == Action::Removed) ||
                (tableDropped && tableDropped->action == Action::Removed))
                continue;
            out << sqlb::rel(other.schema, other.name) + QLatin1Char('.') + quoteIdent(c.name);
        }
    }
    return out;
}

void planDrop(const Change& change, RecipeContext& ctx)
{
    const Column* col = change.beforeAs<Column>();
    if (!col)
        return;
    const QString s = change.schema;
    const QString t = change.table;
    const QString who = display(change, col->name);

    // C8 first, so the new app version can stop writing the column before it is dropped.
    if (col->notNull && col->defaultExpr.isEmpty() &&
        col->identity == catalog::IdentityKind::None) {
        Step e = catalogStep(change, Phase::Expand, QStringLiteral("drop-not-null"), col->name);
        e.title = QStringLiteral("Allow NULL in %1 before it is dropped").arg(who);
        e.sql = sqlb::dropNotNull(s, t, col->name);
        e.rollbackSql = sqlb::setNotNull(s, t, col->name);
        e.referenceRow = QStringLiteral("C8");
        e.rationale = QStringLiteral("The app version that no longer writes %1 would fail on its "
                                     "NOT NULL; dropping the constraint first lets it deploy "
                                     "before the column goes. (The rollback SET NOT NULL scans "
                                     "the table.)")
                          .arg(who);
        ctx.add(std::move(e));
    }

    detail::blockOnDependentViews(ctx, s, t, col->name,
                                  QStringLiteral("dropping column %1").arg(who));
    const QStringList fks = referencingForeignKeys(ctx, s, t, col->name);
    if (!fks.isEmpty()) {
        Finding f;
        f.object = who;
        f.title = QStringLiteral("Column %1 is referenced by foreign keys").arg(who);
        f.reason = QStringLiteral("Dropping it would need CASCADE, which silently drops %1. "
                                  "Bellows never uses CASCADE.")
                       .arg(fks.join(QStringLiteral(", ")));
        f.options = {QStringLiteral("Drop those foreign keys in the target schema too"),
                     QStringLiteral("Keep the column")};
        f.referenceRow = QStringLiteral("C6");
        ctx.addFinding(f);
    }

    Step c = catalogStep(change, Phase::Contract, QStringLiteral("drop-column"), col->name);
    c.title = QStringLiteral("Drop column %1").arg(who);
    c.sql = sqlb::dropColumn(s, t, col->name);
    c.irreversibleReason = QStringLiteral("The values of %1 are gone once it is dropped; back "
                                          "them up first (e.g. COPY (SELECT <key>, %2 FROM %3) "
                                          "TO ...) and restore from that copy.")
                               .arg(who, quoteIdent(col->name), sqlb::rel(s, t));
    c.hazards.push_back(sqlb::hazard(HazardKind::DataLoss,
                                     QStringLiteral("the values of %1 are deleted").arg(who)));
    c.hazards.push_back(sqlb::hazard(
        HazardKind::BreaksRunningApp,
        QStringLiteral("app versions that read or write %1 (or cache column lists, like Rails) "
                       "fail")
            .arg(who)));
    c.hazards.push_back(sqlb::hazard(HazardKind::Irreversible,
                                     QStringLiteral("no SQL rollback: restore from a backup")));
    c.referenceRow = QStringLiteral("C6");
    c.rationale = QStringLiteral("Contract: only after every running app version has stopped "
                                 "using %1. Its indexes and constraints go with it; back up the "
                                 "column first.")
                      .arg(who);
    ctx.add(std::move(c));
}

// `emptyTable`: planned in place only because the table holds no rows; the step checks that
// it still holds none, so the conversion never touches a value.
void planInPlaceType(const Change& change, const Column& before, const Column& after,
                     bool emptyTable, RecipeContext& ctx)
{
    const QString who = display(change, after.name);
    Step s = catalogStep(change, Phase::Expand, QStringLiteral("alter-type"), after.name);
    QString type = sqlb::typeSql(after);
    if (!after.collation.isEmpty())
        type += QStringLiteral(" COLLATE ") + sqlb::catalogName(after.collation);
    const auto choice = ctx.choices().conversionFor(change.schema, change.table, after.name);
    if (choice && !choice->usingExpression.isEmpty())
        type += QStringLiteral(" USING (%1)").arg(choice->usingExpression);
    else if (emptyTable)
        type += QStringLiteral(" USING %1::%2").arg(quoteIdent(before.name), sqlb::typeSql(after));
    s.title = QStringLiteral("Change the type of %1 to %2 in place").arg(who, after.type);
    s.sql = sqlb::alterType(change.schema, change.table, after.name, type);
    if (emptyTable)
        s.sql = sqlb::emptyTableGuard(change.schema, change.table) + QLatin1Char('\n') + s.sql;
    QString back = sqlb::typeSql(before);
    if (!before.collation.isEmpty())
        back += QStringLiteral(" COLLATE ") + sqlb::catalogName(before.collation);
    // Narrowing back rewrites (and may fail on long values): honest, but only a rollback.
    s.rollbackSql = sqlb::alterType(change.schema, change.table, after.name, back);
    s.referenceRow = QStringLiteral("Y1");
    s.rationale = emptyTable
                      ? QStringLiteral("The table held no rows when planned: the step locks it, "
                                       "checks that it still holds none (else it stops and "
                                       "changes nothing), and converts the empty column.")
                      : QStringLiteral("%1 → %2 keeps the stored bytes: PostgreSQL only updates "
                                       "the catalog (no rewrite, indexes kept). The rollback "
                                       "narrows the type again, which rewrites the table.")
                            .arg(before.type, after.type);
    if (emptyTable)
        s.rollbackSql = sqlb::emptyTableGuard(change.schema, change.table) + QLatin1Char('\n') +
                        sqlb::alterType(change.schema, change.table, after.name,
                                        sqlb::typeSql(before) + QStringLiteral(" USING %1::%2")
                                                                    .arg(quoteIdent(after.name),
                                                                         sqlb::typeSql(before)));
    ctx.add(std::move(s));
}

// PostgreSQL 18 keeps NOT NULL as a constraint that ADD CONSTRAINT and VALIDATE on a parent
// (partitioned or by inheritance) recurse to its children: when the plan makes the same column
// of a parent NOT NULL, a child's column follows with it.
bool parentGetsNotNullToo(const diff::Change& change, const catalog::Table* live,
                          const QString& column, RecipeContext& ctx)
{
    if (ctx.major() < 18 || !live)
        return false;
    QStringList parents = live->inherits;
    if (!live->partitionParent.isEmpty())
        parents << live->partitionParent;
    const auto& all = ctx.changes().changes;
    return std::any_of(all.begin(), all.end(), [&](const diff::Change& c) {
        const diff::AttributeChange* n = c.attribute(QStringLiteral("nullability"));
        return &c != &change && n && n->to == QLatin1String("not null") && c.name == column &&
               parents.contains(catalog::key(c.schema, c.table)) && c.tableRenamedFrom.isEmpty();
    });
}

void planChange(const Change& change, RecipeContext& ctx)
{
    const Column* before = change.beforeAs<Column>();
    const Column* after = change.afterAs<Column>();
    if (!before || !after)
        return;
    // A renamed column's attribute changes are part of its swap (planColumnSwap).
    if (!change.renamedFrom.isEmpty())
        return;
    const QString s = change.schema;
    const QString t = change.table;
    const QString who = display(change, after->name);
    const catalog::Table* live = detail::liveTableOf(change, ctx);
    const bool rows = live && live->estimatedRows != 0;

    if (change.attribute(QStringLiteral("type")) || change.attribute(QStringLiteral("collation"))) {
        const bool typeChanged = change.attribute(QStringLiteral("type")) != nullptr;
        const bool collationChanged = change.attribute(QStringLiteral("collation")) != nullptr;
        const bool coercible = !typeChanged || isBinaryCoercible(before->type, after->type);
        // A CHECK is re-verified with a full scan; a collation change rebuilds indexes.
        const bool inPlace = !rows || (coercible && !hasCheckOn(live, before->name) &&
                                       !(collationChanged && isIndexed(live, before->name)));
        // Views over the column are dropped and re-created around the change
        // (view_cascade.cpp), in place or at the swap.
        if (!inPlace) {
            detail::planColumnSwap(change, *before, *after, false, ctx);
            return; // the swap carries default, nullability and comment of the target
        }
        planInPlaceType(change, *before, *after, !rows && !coercible, ctx);
    }
    // Identity and generation first: they may take the default with them (serial ↔ identity,
    // a plain column with a default that becomes generated).
    bool defaultHandled = false;
    for (const char* attr : {"identity", "generated"}) {
        if (!change.attribute(QString::fromLatin1(attr)))
            continue;
        const bool identity = QLatin1String(attr) == QLatin1String("identity");
        if (identity ? recipes::planIdentityChange(change, *before, *after, ctx)
                     : recipes::planGeneratedChange(change, *before, *after, ctx)) {
            defaultHandled = true;
            continue;
        }
        Finding f;
        f.object = who;
        f.title = QStringLiteral("The %1 of %2 changes: not planned automatically")
                      .arg(QString::fromLatin1(attr), who);
        f.reason = QStringLiteral("Changing identity or generation of an existing column needs "
                                  "sequence handling (Q3) or a rewrite (C5); Bellows does not "
                                  "generate this combination.");
        f.options = {QStringLiteral("Write the steps by hand following reference rows Q3 / C5"),
                     QStringLiteral("Keep the column as it is in the target")};
        f.referenceRow = identity ? QStringLiteral("Q3") : QStringLiteral("C5");
        ctx.addFinding(f);
    }
    if (change.attribute(QStringLiteral("identity options")))
        recipes::planIdentityOptions(change, *after, ctx);
    if (change.attribute(QStringLiteral("default")) && !defaultHandled) {
        Step d = catalogStep(change, Phase::Expand, QStringLiteral("set-default"), after->name);
        d.referenceRow = QStringLiteral("C9");
        if (after->defaultExpr.isEmpty()) {
            d.title = QStringLiteral("Drop the default of %1").arg(who);
            d.sql = sqlb::dropDefault(s, t, after->name);
        } else {
            d.title = QStringLiteral("Set the default of %1 to %2").arg(who, after->defaultExpr);
            d.sql = sqlb::setDefault(s, t, after->name, after->defaultExpr);
        }
        d.rollbackSql = before->defaultExpr.isEmpty()
                            ? sqlb::dropDefault(s, t, after->name)
                            : sqlb::setDefault(s, t, after->name, before->defaultExpr);
        d.rationale = QStringLiteral("A default only affects future INSERTs: a catalog update. "
                                     "ORMs that cache defaults may keep sending the old value "
                                     "until redeployed.");
        ctx.add(std::move(d));
    }
    if (change.attribute(QStringLiteral("nullability"))) {
        if (after->notNull && parentGetsNotNullToo(change, live, after->name, ctx)) {
            // PostgreSQL 18: the parent's NOT NULL constraint (and its VALIDATE) recurses to
            // this table; one of its own could not be added beside it.
        } else if (after->notNull) {
            detail::NotNullRequest r;
            r.schema = s;
            r.table = t;
            r.column = after->name;
            r.liveTable = live ? live->name : QString();
            r.mayHoldNulls = rows;
            if (const Fill* fill = ctx.fillFor(s, t, after->name))
                r.fillExpression = fill->expression;
            else if (!after->defaultExpr.isEmpty())
                r.fillExpression = after->defaultExpr;
            r.guaranteed = !after->defaultExpr.isEmpty();
            r.guaranteeReason = QStringLiteral("the column default fills it when a writer omits "
                                               "it");
            if (change.attribute(QStringLiteral("default")))
                r.dependsOn = {sqlb::stepId(QStringLiteral("expand"), QStringLiteral("set-default"),
                                            path(change, after->name))};
            detail::planNotNull(ctx, r);
        } else {
            Step n =
                catalogStep(change, Phase::Expand, QStringLiteral("drop-not-null"), after->name);
            n.title = QStringLiteral("Allow NULL in %1").arg(who);
            n.sql = sqlb::dropNotNull(s, t, after->name);
            n.rollbackSql = sqlb::setNotNull(s, t, after->name);
            n.referenceRow = QStringLiteral("C8");
            n.rationale = QStringLiteral("Dropping NOT NULL is a catalog update and runs before "
                                         "code that writes NULL is deployed. Readers that assume "
                                         "non-NULL values may need care. (The rollback scans.)");
            ctx.add(std::move(n));
        }
    }
    if (change.attribute(QStringLiteral("comment")))
        addComment(ctx, change, *before, *after);
    detail::planColumnSettings(ctx, s, t, before, *after);
}

} // namespace

namespace recipes {

void planColumn(const Change& change, RecipeContext& ctx)
{
    switch (change.action) {
    case Action::Added:
        planAdd(change, ctx);
        break;
    case Action::Removed:
        planDrop(change, ctx);
        break;
    case Action::Changed:
        planChange(change, ctx);
        break;
    case Action::Renamed: {
        const Column* before = change.beforeAs<Column>();
        const Column* after = change.afterAs<Column>();
        if (before && after)
            detail::planColumnSwap(change, *before, *after, true, ctx);
        break;
    }
    }
}

} // namespace recipes

} // namespace bellows::plan

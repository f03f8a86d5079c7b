// Y2 on a primary key that foreign keys reference (int→bigint): the key column and every
// referencing column go through the column swap (new column, sync trigger, backfill, verify,
// NOT NULL), a unique index on the new key column is built concurrently, and one short
// transaction moves the key: foreign keys and primary key dropped, names, default and sequence
// ownership moved, PRIMARY KEY USING INDEX, foreign keys re-added NOT VALID (GitLab's int→bigint
// procedure, reference Y2, K2, K4, Q2). Each foreign key is then validated on its own.

#include "plan/column_swap.h"
#include "plan/foreign_key_handover.h"
#include "plan/recipes.h"
#include "plan/sql_builders.h"
#include "plan/sync_trigger.h"

#include "sql/quote.h"

namespace bellows::plan::detail {

using catalog::Column;
using diff::Change;
using sql::quoteIdent;

namespace {

bool isIntegerType(const QString& type)
{
    return type == QLatin1String("smallint") || type == QLatin1String("integer") ||
           type == QLatin1String("bigint");
}

int integerWidth(const QString& type)
{
    return type == QLatin1String("smallint") ? 2 : type == QLatin1String("integer") ? 4 : 8;
}

// int→bigint, and also bigint→int: narrowing copies through the same swap, and a value out of
// range makes the backfill (or a synced write) fail instead of losing anything.
bool isIntegerKeyChange(const QString& from, const QString& to)
{
    return isIntegerType(from) && isIntegerType(to) && from != to;
}

const catalog::Constraint* primaryKeyOf(const catalog::Table* table)
{
    if (!table)
        return nullptr;
    for (const catalog::Constraint& c : table->constraints) {
        if (c.kind == catalog::ConstraintKind::PrimaryKey)
            return &c;
    }
    return nullptr;
}

const catalog::Table* targetTable(const RecipeContext& ctx, const QString& schema,
                                  const QString& name)
{
    for (const catalog::Table& t : ctx.target().tables) {
        if (t.schema == schema && t.name == name)
            return &t;
    }
    return nullptr;
}

const Change* typeChangeOf(const RecipeContext& ctx, const QString& schema, const QString& table,
                           const QString& column)
{
    const Change* c = ctx.changes().find(diff::ObjectKind::Column, schema, table, column);
    if (!c || c->action != diff::Action::Changed || !c->renamedFrom.isEmpty() ||
        !c->tableRenamedFrom.isEmpty() || !c->attribute(QStringLiteral("type")))
        return nullptr;
    return c;
}

bool isForeignKeyTo(const catalog::Constraint& c, const QString& schema, const QString& table,
                    const QString& column)
{
    return c.kind == catalog::ConstraintKind::ForeignKey && c.refSchema == schema &&
           c.refTable == table && c.refColumns == QStringList{column} && c.columns.size() == 1;
}

} // namespace

bool isKeySwap(const RecipeContext& ctx, const QString& schema, const QString& table,
               const QString& column)
{
    const catalog::Table* live = ctx.liveTable(schema, table);
    if (!live || live->estimatedRows == 0 || primaryKeyColumns(live) != QStringList{column})
        return false;
    // The key stays on this column; a key that moves or goes is the key replacement's job.
    if (primaryKeyColumns(targetTable(ctx, schema, table)) != QStringList{column})
        return false;
    const Change* c = typeChangeOf(ctx, schema, table, column);
    if (!c)
        return false;
    const Column* before = c->beforeAs<Column>();
    const Column* after = c->afterAs<Column>();
    return before && after && isIntegerKeyChange(before->type, after->type);
}

bool referencesKeySwap(const RecipeContext& ctx, const catalog::Table* live, const QString& column)
{
    if (!live)
        return false;
    for (const catalog::Constraint& c : live->constraints) {
        // A table's own foreign key (a tree's parent_id) moves with its key like any other.
        if (c.kind == catalog::ConstraintKind::ForeignKey && c.columns == QStringList{column} &&
            c.refColumns.size() == 1 && c.refColumns.first() != column &&
            isKeySwap(ctx, c.refSchema, c.refTable, c.refColumns.first()))
            return true;
    }
    return false;
}

void planKeySwap(const Change& change, const Column& oldColumn, const Column& target,
                 RecipeContext& ctx)
{
    const QString s = change.schema;
    const QString t = change.table;
    const catalog::Table* live = liveTableOf(change, ctx);
    const catalog::Constraint* livePk = primaryKeyOf(live);
    const catalog::Constraint* targetPk = primaryKeyOf(targetTable(ctx, s, t));
    const QString who = sqlb::rel(s, t) + QLatin1Char('.') + quoteIdent(oldColumn.name);
    const QString p = sqlb::idPath(s, t, target.name);
    const QString contractId =
        sqlb::stepId(QStringLiteral("contract"), QStringLiteral("swap-key"), p);

    if (!livePk || !targetPk || targetPk->columns != QStringList{target.name} ||
        oldColumn.identity != catalog::IdentityKind::None ||
        target.identity != catalog::IdentityKind::None) {
        planInPlaceRewrite(change, oldColumn, target,
                           QStringLiteral("The key swap needs %1 to stay the only column of the "
                                          "primary key, and not an identity.")
                               .arg(who),
                           ctx);
        return;
    }
    if (integerWidth(target.type) < integerWidth(oldColumn.type)) {
        Finding f;
        f.severity = Finding::Severity::Warning;
        f.object = who;
        f.title = QStringLiteral("%1 narrows from %2 to %3").arg(who, oldColumn.type, target.type);
        f.reason = QStringLiteral("A key value outside the range of %1 makes the backfill, or "
                                  "the synced write that carries it, fail: the runner stops "
                                  "before the swap and nothing is lost.")
                       .arg(target.type);
        f.options = {QStringLiteral("Check max(%1) before running the plan").arg(who)};
        f.referenceRow = QStringLiteral("Y2");
        ctx.addFinding(f);
    }

    // The key column itself.
    SwapHandoff key;
    key.keySchema = s;
    key.keyTable = live->name;
    key.keyColumn = oldColumn.name;
    key.contractStepId = contractId;
    planColumnSwap(change, oldColumn, target, false, ctx, &key);
    if (!key.planned)
        return;

    // The referencing side: live foreign keys are dropped in the swap; referencing columns
    // whose type changes too are swapped with the key.
    QStringList lockOrder{sqlb::rel(s, t)};
    std::vector<Lock> locks{sqlb::lock(LockMode::AccessExclusive, s, t)};
    QStringList dropFks;
    QStringList dependsOn{key.dropCheckId};
    std::vector<SwapHandoff> referencing;
    for (const catalog::Table& other : ctx.database().tables) {
        // The key's own table is locked first already; its self-references move too.
        bool locked = other.schema == s && other.name == live->name;
        for (const catalog::Constraint& c : other.constraints) {
            if (!isForeignKeyTo(c, s, live->name, oldColumn.name))
                continue;
            dropFks << sqlb::dropConstraint(other.schema, other.name, c.name);
            if (!locked) {
                locked = true;
                lockOrder << sqlb::rel(other.schema, other.name);
                locks.push_back(sqlb::lock(LockMode::AccessExclusive, other.schema, other.name));
            }
            const Change* col = typeChangeOf(ctx, other.schema, other.name, c.columns.first());
            const Column* before = col ? col->beforeAs<Column>() : nullptr;
            const Column* after = col ? col->afterAs<Column>() : nullptr;
            if (!before || !after)
                continue;
            SwapHandoff h;
            h.keySchema = s;
            h.keyTable = live->name;
            h.keyColumn = oldColumn.name;
            h.contractStepId = contractId;
            planColumnSwap(*col, *before, *after, false, ctx, &h);
            if (!h.planned)
                return; // its finding blocks the plan
            dependsOn << h.dropCheckId;
            referencing.push_back(std::move(h));
        }
    }

    // E3: the future primary key's index, built concurrently after the backfill.
    const QString indexName = sqlb::boundedName(targetPk->name, QStringLiteral("_bellows"));
    const QString whoNew = sqlb::rel(s, t) + QLatin1Char('.') + quoteIdent(key.newColumn);
    Step ix;
    ix.id = sqlb::stepId(QStringLiteral("backfill"), QStringLiteral("build-key-index"),
                         sqlb::idPath(s, indexName));
    ix.phase = Phase::Backfill;
    ix.title = QStringLiteral("Build the unique index %1 on %2 for the new primary key "
                              "(concurrently)")
                   .arg(quoteIdent(indexName), whoNew);
    ix.sql = QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS %1 ON %2 USING btree "
                            "(%3);")
                 .arg(quoteIdent(indexName), sqlb::rel(s, t), quoteIdent(key.newColumn));
    ix.rollbackSql = sqlb::dropIndexConcurrently(s, indexName);
    ix.outsideTransaction = true;
    ix.work = Work::Build;
    ix.locks = {sqlb::lock(LockMode::ShareUpdateExclusive, s, t, false)};
    ix.hazards = {
        sqlb::hazard(HazardKind::IndexBuild,
                     QStringLiteral("builds %1 while reads and writes continue; waits for older "
                                    "transactions")
                         .arg(quoteIdent(indexName))),
        sqlb::hazard(HazardKind::OutsideTransaction,
                     QStringLiteral("CREATE INDEX CONCURRENTLY runs in autocommit; a failure "
                                    "leaves an INVALID index to drop"))};
    ix.referenceRow = QStringLiteral("K4");
    ix.dependsOn = {key.backfillId};
    ix.rationale = QStringLiteral("The primary key is attached to it with PRIMARY KEY USING "
                                  "INDEX in the swap, which then builds nothing.");
    const QString ixId = ix.id;
    ctx.add(std::move(ix));
    dependsOn << ixId;

    // The target's foreign keys to the key, re-added on the final columns.
    QStringList addFks;
    std::vector<const catalog::Constraint*> targetFks;
    std::vector<const catalog::Table*> targetFkTables;
    for (const catalog::Table& other : ctx.target().tables) {
        for (const catalog::Constraint& c : other.constraints) {
            if (!isForeignKeyTo(c, s, t, target.name))
                continue;
            if (!ctx.liveTable(other.schema, other.name)) {
                Finding f;
                f.object = sqlb::rel(other.schema, c.name);
                f.title = QStringLiteral("New table %1 references %2 while its key is swapped")
                              .arg(sqlb::rel(other.schema, other.name), who);
                f.reason = QStringLiteral("Its foreign key would hold on to the old primary key "
                                          "and block the swap.");
                f.options = {QStringLiteral("Add the table in a later migration")};
                f.referenceRow = QStringLiteral("Y2");
                ctx.addFinding(f);
                return;
            }
            QString def = c.definition;
            def.remove(QStringLiteral(" NOT VALID"));
            addFks << sqlb::addConstraint(other.schema, other.name, c.name, def, true);
            targetFks.push_back(&c);
            targetFkTables.push_back(&other);
        }
    }

    // C1: one short transaction, tables locked parent → child.
    QStringList sql{QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE;")
                        .arg(lockOrder.join(QStringLiteral(", ")))};
    sql << dropFks << sqlb::dropConstraint(s, t, livePk->name) << key.swapSql;
    for (const SwapHandoff& h : referencing)
        sql << h.swapSql;
    sql << sqlb::alterTable(s, t,
                            QStringLiteral("ADD CONSTRAINT %1 PRIMARY KEY USING INDEX %2")
                                .arg(quoteIdent(targetPk->name), quoteIdent(indexName)));
    sql << addFks;

    Step c;
    c.id = contractId;
    c.phase = Phase::Contract;
    c.title = QStringLiteral("Swap the primary key %1 to %2 and move its foreign keys, in one "
                             "transaction")
                  .arg(who, target.type);
    c.sql = sql.join(QLatin1Char('\n'));
    c.locks = locks;
    c.hazards = {
        sqlb::hazard(HazardKind::AccessExclusiveLock,
                     QStringLiteral("ACCESS EXCLUSIVE on %1 for catalog updates")
                         .arg(lockOrder.join(QStringLiteral(", ")))),
        sqlb::hazard(HazardKind::BreaksRunningApp,
                     QStringLiteral("%1 and the columns referencing it change type from %2 to %3 "
                                    "for every client (prepared statements, ORM type maps)")
                         .arg(who, oldColumn.type, target.type)),
        sqlb::hazard(HazardKind::Irreversible,
                     QStringLiteral("no SQL rollback: swapping back needs a unique index on the "
                                    "old column built concurrently first (reference Y2)"))};
    c.irreversibleReason = QStringLiteral("Dropping the new primary key drops its index; the old "
                                          "column needs a unique index built concurrently before "
                                          "the names can be swapped back (reference Y2, C1→C2).");
    c.referenceRow = QStringLiteral("Y2");
    c.dependsOn = dependsOn;
    c.rationale = QStringLiteral(
        "Locks the referenced table before the referencing ones. The primary key is attached to "
        "the prebuilt unique index over the proven NOT NULL column, and the foreign keys come "
        "back NOT VALID: no scan and no build while ACCESS EXCLUSIVE is held. The sync triggers "
        "go with it, and the default and sequence ownership move to the new key column.");
    ctx.add(std::move(c));

    // C2: each foreign key validated in its own transaction.
    for (size_t i = 0; i < targetFks.size(); ++i) {
        const catalog::Constraint& fk = *targetFks[i];
        const catalog::Table& child = *targetFkTables[i];
        Step v = recipes::validateForeignKeyStep(Phase::Contract, child.schema, child.name, fk.name,
                                                 s, t);
        v.dependsOn = {contractId};
        v.rationale = QStringLiteral("Its own transaction. The values were copied from columns "
                                     "the old foreign key held, so it finds no orphan.");
        ctx.add(std::move(v));
    }
}

} // namespace bellows::plan::detail

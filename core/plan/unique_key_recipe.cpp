// K3/K4: a UNIQUE or PRIMARY KEY constraint on a live table. A unique index is built
// concurrently (writes go on) and then attached as the constraint in a brief catalog update.
// A live unique index that already has the constraint's name (an index becoming a constraint)
// is adopted when it is the index the target gives the constraint; otherwise the new index is
// built under another name and takes the name in contract, in the transaction that drops the
// old one (the name is taken until then).

#include "plan/constraint_sql.h"
#include "plan/foreign_key_handover.h"
#include "plan/partition_recipes.h"
#include "plan/sql_builders.h"
#include "sql/quote.h"

#include <algorithm>

namespace bellows::plan::recipes::csql {

using catalog::Constraint;
using catalog::ConstraintKind;
using diff::Change;
using sql::qualified;
using sql::quoteIdent;

namespace {

// The index behind a PK/UNIQUE constraint in the target, as CREATE ... CONCURRENTLY.
QString concurrentUniqueIndex(const Change& c, const Constraint& k, const QString& indexName,
                              RecipeContext& ctx)
{
    if (const catalog::Table* t = ctx.target().table(c.schema, c.table)) {
        for (const catalog::Index& index : t->indexes) {
            if (index.constraintName != k.name && index.name != k.indexName)
                continue;
            QString def = index.definition.trimmed();
            const QString head =
                QStringLiteral("CREATE UNIQUE INDEX ") + quoteIdent(index.name) + QLatin1Char(' ');
            if (def.startsWith(head)) {
                return QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ") +
                       quoteIdent(indexName) + QLatin1Char(' ') + def.mid(head.size()) +
                       QLatin1Char(';');
            }
        }
    }
    return QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ") +
           quoteIdent(indexName) + QStringLiteral(" ON ") + qualified(c.schema, c.table) +
           QStringLiteral(" USING btree (") + columnList(k.columns) + QStringLiteral(");");
}

QString deferrableClause(const Constraint& k)
{
    if (!k.deferrable)
        return {};
    return k.initiallyDeferred ? QStringLiteral(" DEFERRABLE INITIALLY DEFERRED")
                               : QStringLiteral(" DEFERRABLE");
}

// The live index named like the new constraint `k` when it is the index the target gives `k`
// (same definition, valid, a plain unique index): attaching it is all there is to do.
bool adoptable(const catalog::Index& index, const Change& c, const Constraint& k,
               const RecipeContext& ctx)
{
    const catalog::Table* target = ctx.target().table(c.schema, c.table);
    if (!target || !index.valid || !index.unique || !index.predicate.isEmpty() ||
        !index.constraintName.isEmpty())
        return false;
    return std::any_of(target->indexes.begin(), target->indexes.end(), [&](const auto& i) {
        return i.constraintName == k.name && i.definition.trimmed() == index.definition.trimmed();
    });
}

// ALTER TABLE … ADD CONSTRAINT k UNIQUE|PRIMARY KEY USING INDEX `index`: a brief catalog
// update (the index exists); `verb` of the title: "Attach index %1 as" / "Make …".
Step attachStep(const Change& c, const Constraint& k, const QString& index, Phase phase,
                const QString& title)
{
    const bool pk = k.kind == ConstraintKind::PrimaryKey;
    const QString relation = qualified(c.schema, c.table);
    Step s;
    s.id = stepId(phase, pk ? QStringLiteral("add-pk") : QStringLiteral("add-unique"), c, k.name);
    s.phase = phase;
    s.title = title.arg(quoteIdent(k.name),
                        pk ? QStringLiteral("primary key") : QStringLiteral("unique constraint"),
                        relation);
    s.sql = alterTable(c) + QStringLiteral(" ADD CONSTRAINT ") + quoteIdent(k.name) +
            (pk ? QStringLiteral(" PRIMARY KEY") : QStringLiteral(" UNIQUE")) +
            QStringLiteral(" USING INDEX ") + quoteIdent(index) + deferrableClause(k) +
            QLatin1Char(';');
    s.locks.push_back({LockMode::AccessExclusive, relation, true});
    s.hazards.push_back({HazardKind::AccessExclusiveLock,
                         QStringLiteral("Catalog update only (the index exists), but queued "
                                        "behind running queries; bounded by lock_timeout")});
    s.referenceRow = pk ? QStringLiteral("K4") : QStringLiteral("K3");
    return s;
}

// Attaching a live unique index of the constraint's own name as the constraint: one brief
// catalog update; the index keeps enforcing the rule throughout.
void adoptIndex(const Change& c, const Constraint& k, const QStringList& deps, Phase phase,
                RecipeContext& ctx)
{
    Step s =
        attachStep(c, k, k.name, phase, QStringLiteral("Make the unique index %1 the %2 of %3"));
    // Dropping the constraint would drop the index it owns: no rollback gives the index back.
    s.irreversibleReason = QStringLiteral("Dropping the constraint drops its index too; the index "
                                          "would have to be built again CONCURRENTLY.");
    s.dependsOn = deps;
    s.rationale = QStringLiteral("The live unique index %1 is the index the target's constraint "
                                 "has: attaching it records the constraint without building "
                                 "anything.")
                      .arg(quoteIdent(k.name));
    ctx.add(std::move(s));
}

} // namespace

// K3/K4: a unique index built concurrently, then attached as the constraint (AE brief).
void addUniqueOrPk(const Change& c, const Constraint& k, RecipeContext& ctx, const QString& after)
{
    const bool pk = k.kind == ConstraintKind::PrimaryKey;
    const QString relation = qualified(c.schema, c.table);
    const QString row = pk ? QStringLiteral("K4") : QStringLiteral("K3");
    const catalog::Table* live = ctx.liveTable(c.schema, liveName(c, ctx));
    QStringList deps;
    if (!after.isEmpty())
        deps << after;
    // The key columns must be NOT NULL, or ADD PRIMARY KEY scans under ACCESS EXCLUSIVE.
    Phase attachPhase = Phase::Expand;
    if (pk && live) {
        for (const QString& name : k.columns) {
            const catalog::Column* column = live->column(name);
            if (!column || column->notNull)
                continue;
            bool planned = false;
            for (const Step& step : ctx.steps()) {
                if (step.referenceRow == QStringLiteral("C7") && step.sql.contains(relation) &&
                    step.sql.contains(quoteIdent(name))) {
                    deps << step.id;
                    planned = true;
                }
            }
            attachPhase = Phase::Contract;
            if (!planned) {
                ctx.addFinding(
                    {Finding::Severity::Blocking,
                     relation + QLatin1Char('.') + quoteIdent(name),
                     QStringLiteral("Primary key column %1 is nullable").arg(quoteIdent(name)),
                     QStringLiteral("ADD PRIMARY KEY would set NOT NULL with a full scan under "
                                    "ACCESS EXCLUSIVE, and no NOT NULL step is planned for it."),
                     {QStringLiteral("Make the column NOT NULL first (C7): CHECK (col IS NOT "
                                     "NULL) NOT VALID, VALIDATE, SET NOT NULL, drop the CHECK"),
                      QStringLiteral("Declare the column NOT NULL in the target schema")},
                     QStringLiteral("C7")});
            }
        }
    }

    if (live && live->kind == catalog::TableKind::Partitioned) {
        partitions::planKey(c, k, deps, attachPhase, ctx);
        return;
    }

    // A live unique index already carries the constraint's name (an index becoming a
    // constraint): attached when it is the target's; otherwise the new one is built under
    // another name and takes the name in contract, when the old index goes.
    const catalog::Index* namesake = live ? live->index(k.name) : nullptr;
    if (namesake && namesake->constraintName.isEmpty() && adoptable(*namesake, c, k, ctx)) {
        adoptIndex(c, k, deps, attachPhase, ctx);
        return;
    }
    const bool replaces = namesake && namesake->constraintName.isEmpty();
    ForeignKeyHandover handover;
    if (replaces) {
        // Foreign keys the plan adds on these columns need the constraint: they already wait
        // for this step (step_objects.cpp: it creates the constraint).
        handover = foreignKeysUsing({c.schema, liveName(c, ctx), c.table, namesake,
                                     liveKey(QStringLiteral("index"), c, k.name, ctx),
                                     qualified(c.schema, k.name), false},
                                    ctx);
        if (handover.blocked)
            return;
    }
    const QString indexName =
        replaces ? sqlb::boundedName(k.name, QStringLiteral("_bellows_new")) : k.name;
    if (replaces)
        attachPhase = Phase::Contract;

    Step build;
    build.id = stepId(Phase::Expand, QStringLiteral("unique-index"), c, k.name);
    build.phase = Phase::Expand;
    build.title = QStringLiteral("Build the unique index %1 on %2 without blocking writes")
                      .arg(quoteIdent(indexName), relation);
    build.sql = concurrentUniqueIndex(c, k, indexName, ctx);
    build.rollbackSql = QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS ") +
                        qualified(c.schema, indexName) + QLatin1Char(';');
    build.locks.push_back({LockMode::ShareUpdateExclusive, relation, false});
    build.work = Work::Build;
    build.outsideTransaction = true;
    build.hazards.push_back({HazardKind::IndexBuild,
                             QStringLiteral("Writers may get unique violations during the build, "
                                            "even if it fails later; duplicates make it fail")});
    build.hazards.push_back({HazardKind::OutsideTransaction,
                             QStringLiteral("Runs in autocommit; a failure leaves an INVALID "
                                            "index to drop")});
    build.referenceRow = row;
    // Only the attach waits for NOT NULL steps; the index can be built at once.
    if (!after.isEmpty())
        build.dependsOn << after;
    build.rationale = QStringLiteral("The index enforces uniqueness as soon as it is built; "
                                     "building it concurrently keeps reads and writes going.");
    Step& built = ctx.add(std::move(build));
    built.estimatedSeconds = ctx.estimateSeconds(c.schema, liveName(c, ctx), Work::Build);

    Step s =
        attachStep(c, k, indexName, attachPhase, QStringLiteral("Attach index %1 as the %2 of %3"));
    s.rollbackSql = dropSql(c, k.name);
    if (replaces) {
        // The old index holds the name until it goes; both in one brief transaction. The id
        // says so (step_objects.cpp): the step waits for the drops of what uses the old index.
        s.id = stepId(attachPhase,
                      pk ? QStringLiteral("swap-pk-index") : QStringLiteral("swap-unique-index"), c,
                      k.name);
        s.sql = QStringLiteral("DROP INDEX ") + qualified(c.schema, k.name) +
                QStringLiteral(";\n") + s.sql;
        // The old index identifies rows for logical replication: the new one takes over first.
        if (const catalog::Table* target = ctx.target().table(c.schema, c.table);
            target && target->replicaIdentity == QLatin1String("index") &&
            target->replicaIdentityIndex == k.name)
            s.sql = alterTable(c) + QStringLiteral(" REPLICA IDENTITY USING INDEX ") +
                    quoteIdent(indexName) + QStringLiteral(";\n") + s.sql;
        s.rollbackSql.clear();
        s.irreversibleReason = QStringLiteral("The old index %1 is dropped; build it again with "
                                              "CREATE INDEX CONCURRENTLY if needed.")
                                   .arg(quoteIdent(k.name));
        s.hazards.push_back({HazardKind::BreaksRunningApp,
                             QStringLiteral("The rule of the old index %1 ends here: the "
                                            "constraint's own takes its name")
                                 .arg(quoteIdent(k.name))});
    }
    s.dependsOn = deps;
    s.dependsOn << built.id;
    s.rationale = attachPhase == Phase::Contract
                      ? QStringLiteral("Waits until the key columns are NOT NULL, so attaching "
                                       "the index does not scan the table.")
                      : QStringLiteral("The unique index already enforces the rule; attaching "
                                       "it only records the constraint.");
    handOver(s, relation, handover);
    const QString attached = ctx.add(std::move(s)).id;
    validateHandedOver(handover, attached, attachPhase, ctx);
}

bool constraintTakesIndex(const RecipeContext& ctx, const QString& schema, const QString& table,
                          const QString& index)
{
    const catalog::Table* live = ctx.liveTable(schema, table);
    const catalog::Table* target = ctx.target().table(schema, table);
    if (!live || !target || target->kind == catalog::TableKind::Partitioned ||
        live->constraint(index))
        return false;
    const catalog::Index* i = live->index(index);
    const Constraint* k = target->constraint(index);
    return i && i->constraintName.isEmpty() && k &&
           (k->kind == ConstraintKind::PrimaryKey || k->kind == ConstraintKind::Unique);
}

} // namespace bellows::plan::recipes::csql

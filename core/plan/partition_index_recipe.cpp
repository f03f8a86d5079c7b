// Indexes and keys on live partitioned tables: see partition_recipes.h.

#include "plan/partition_recipes.h"
#include "plan/partition_rules.h"
#include "plan/sql_builders.h"
#include "sql/quote.h"

namespace bellows::plan::partitions {

using catalog::Constraint;
using catalog::ConstraintKind;
using catalog::Index;
using catalog::Table;
using diff::Change;
using sql::qualified;
using sql::quoteIdent;

namespace {

QString stepId(Phase phase, const QString& verb, const QString& schema, const QString& table,
               const QString& name)
{
    return toString(phase) + QLatin1Char(':') + verb + QLatin1Char(':') + schema +
           QLatin1Char('.') + table + QLatin1Char('.') + name;
}

// pg_get_indexdef's "CREATE [UNIQUE] INDEX name ON [ONLY] t …" as `head` + `name` + the rest,
// the rest cut after the name; empty when the text is not of that shape.
QString afterName(const Index& index)
{
    const QString def = index.definition.trimmed();
    const QString head =
        (index.unique ? QStringLiteral("CREATE UNIQUE INDEX ") : QStringLiteral("CREATE INDEX ")) +
        quoteIdent(index.name) + QLatin1Char(' ');
    return def.startsWith(head) ? def.mid(head.size()) : QString();
}

// The parent's own index, on the parent only: nothing to build, it stays invalid until every
// partition's index is attached.
QString onOnlySql(const Index& index, const QString& name)
{
    QString rest = afterName(index);
    if (rest.isEmpty())
        return {};
    if (rest.startsWith(QStringLiteral("ON ")) && !rest.startsWith(QStringLiteral("ON ONLY ")))
        rest.insert(3, QStringLiteral("ONLY "));
    return (index.unique ? QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS ")
                         : QStringLiteral("CREATE INDEX IF NOT EXISTS ")) +
           quoteIdent(name) + QLatin1Char(' ') + rest + QLatin1Char(';');
}

// The ids of the steps that attach the indexes of `table`'s partitions to its `index`, at every
// level: the attach of `index` itself to its parent must wait for them (the index turns valid
// only when all its partitions' indexes are attached).
QStringList attachIdsBelow(const RecipeContext& ctx, const Table& table, const Index& index)
{
    QStringList ids;
    if (table.kind != catalog::TableKind::Partitioned)
        return ids;
    for (const Table* part : targetPartitions(ctx, table.schema, table.name)) {
        const Index* child = matchingIndex(*part, index);
        if (!child)
            continue;
        ids << stepId(Phase::Expand, QStringLiteral("attach-index"), part->schema, part->name,
                      child->name);
        ids << attachIdsBelow(ctx, *part, *child);
    }
    return ids;
}

// `parentName`/`suffix`: the parent's index and the partition's are built under temporary
// names (a changed definition: see planIndex).
void attachPartitionIndex(const Change& c, const QString& parentName, const Table& part,
                          const Index& child, const QString& suffix, const QString& createId,
                          RecipeContext& ctx)
{
    // Only a partition index that exists already is rebuilt under a temporary name; a new one
    // (another name) is built under its own.
    const Table* livePart = ctx.liveTable(part.schema, part.name);
    const bool rebuilt = !suffix.isEmpty() && livePart && livePart->index(child.name);
    const QString parentIndex = qualified(c.schema, parentName);
    const QString childIndex =
        qualified(part.schema, rebuilt ? sqlb::boundedName(child.name, suffix) : child.name);
    Step s;
    s.id =
        stepId(Phase::Expand, QStringLiteral("attach-index"), part.schema, part.name, child.name);
    s.phase = Phase::Expand;
    s.title = QStringLiteral("Attach index %1 of partition %2 to %3")
                  .arg(childIndex, qualified(part.schema, part.name), parentIndex);
    s.sql = QStringLiteral("ALTER INDEX %1 ATTACH PARTITION %2;").arg(parentIndex, childIndex);
    s.irreversibleReason = QStringLiteral("An attached index cannot be detached; dropping the "
                                          "parent's index drops it with it.");
    s.locks = {{LockMode::ShareUpdateExclusive, parentIndex, true},
               {LockMode::AccessExclusive, childIndex, true},
               {LockMode::AccessShare, qualified(part.schema, part.name), true}};
    s.hazards = {{HazardKind::AccessExclusiveLock,
                  QStringLiteral("ACCESS EXCLUSIVE on the index %1 only (not its table) for a "
                                 "catalog update")
                      .arg(childIndex)}};
    s.referenceRow = QStringLiteral("I1");
    s.dependsOn << createId
                << stepId(Phase::Expand,
                          rebuilt ? QStringLiteral("build-index") : QStringLiteral("create-index"),
                          part.schema, part.name, child.name)
                << attachIdsBelow(ctx, part, child);
    s.rationale = QStringLiteral("The partition's index is built; attaching it is a catalog "
                                 "update. The parent's index turns valid with the last one.");
    ctx.add(std::move(s));
}

// The partition's constraint the target derives from the parent's `key`.
const Constraint* matchingKey(const Table& part, const Constraint& key)
{
    const Constraint* found = nullptr;
    for (const Constraint& k : part.constraints) {
        if (k.kind == key.kind && k.columns == key.columns && (!found || !k.isLocal))
            found = &k;
    }
    return found;
}

QString keyWord(const Constraint& k)
{
    return k.kind == ConstraintKind::PrimaryKey ? QStringLiteral("PRIMARY KEY")
                                                : QStringLiteral("UNIQUE");
}

QString deferrableClause(const Constraint& k)
{
    if (!k.deferrable)
        return {};
    return k.initiallyDeferred ? QStringLiteral(" DEFERRABLE INITIALLY DEFERRED")
                               : QStringLiteral(" DEFERRABLE");
}

// The leaf partition's unique index, built concurrently under the constraint's name.
QString uniqueIndexSql(const Table& part, const Constraint& key)
{
    for (const Index& index : part.indexes) {
        if (index.constraintName != key.name && index.name != key.indexName)
            continue;
        const QString rest = afterName(index);
        if (!rest.isEmpty())
            return QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ") +
                   quoteIdent(key.name) + QLatin1Char(' ') + rest + QLatin1Char(';');
    }
    QStringList columns;
    for (const QString& column : key.columns)
        columns << quoteIdent(column);
    return QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ") +
           quoteIdent(key.name) + QStringLiteral(" ON ") + qualified(part.schema, part.name) +
           QStringLiteral(" USING btree (") + columns.join(QStringLiteral(", ")) +
           QStringLiteral(");");
}

struct KeyPlan {
    QStringList deps; // NOT NULL steps of the key columns
    Phase phase = Phase::Expand;
    QString verb; // add-pk / add-unique
};

// Leaf: the unique index built concurrently, then attached as the partition's own constraint.
QString leafKey(const Table& part, const Constraint& key, const KeyPlan& plan, RecipeContext& ctx)
{
    const QString relation = qualified(part.schema, part.name);
    Step build;
    build.id =
        stepId(Phase::Expand, QStringLiteral("unique-index"), part.schema, part.name, key.name);
    build.phase = Phase::Expand;
    build.title = QStringLiteral("Build the unique index %1 on partition %2 without blocking "
                                 "writes")
                      .arg(quoteIdent(key.name), relation);
    build.sql = uniqueIndexSql(part, key);
    build.rollbackSql = QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS ") +
                        qualified(part.schema, key.name) + QLatin1Char(';');
    build.locks = {{LockMode::ShareUpdateExclusive, relation, false}};
    build.work = Work::Build;
    build.outsideTransaction = true;
    build.hazards = {{HazardKind::IndexBuild,
                      QStringLiteral("Writers may get unique violations during the build, even "
                                     "if it fails later; duplicates make it fail")},
                     {HazardKind::OutsideTransaction,
                      QStringLiteral("Runs in autocommit; a failure leaves an INVALID index to "
                                     "drop")}};
    build.referenceRow =
        key.kind == ConstraintKind::PrimaryKey ? QStringLiteral("K4") : QStringLiteral("K3");
    build.rationale = QStringLiteral("CONCURRENTLY keeps reads and writes of the partition going.");
    Step& built = ctx.add(std::move(build));
    built.estimatedSeconds = ctx.estimateSeconds(part.schema, part.name, Work::Build);
    const QString builtId = built.id;

    Step s;
    s.id = stepId(plan.phase, plan.verb, part.schema, part.name, key.name);
    s.phase = plan.phase;
    s.title = QStringLiteral("Attach index %1 as the %2 of partition %3")
                  .arg(quoteIdent(key.name), keyWord(key).toLower(), relation);
    s.sql = QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3 USING INDEX %2%4;")
                .arg(relation, quoteIdent(key.name), keyWord(key), deferrableClause(key));
    s.rollbackSql = QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT IF EXISTS %2;")
                        .arg(relation, quoteIdent(key.name));
    s.locks = {{LockMode::AccessExclusive, relation, true}};
    s.hazards = {{HazardKind::AccessExclusiveLock,
                  QStringLiteral("Catalog update only (the index exists); bounded by "
                                 "lock_timeout")}};
    s.referenceRow = build.referenceRow;
    s.dependsOn = plan.deps;
    s.dependsOn << builtId;
    s.rationale = QStringLiteral("The unique index already enforces the rule; the parent's "
                                 "constraint adopts this one instead of building an index.");
    return ctx.add(std::move(s)).id;
}

// A partitioned table (the root or a sub-partitioned partition): its partitions' constraints
// first, then ADD CONSTRAINT here, which adopts them (no build, no scan).
QString partitionedKey(const QString& schema, const QString& table, const Constraint& key,
                       const KeyPlan& plan, RecipeContext& ctx)
{
    const QString relation = qualified(schema, table);
    QStringList below;
    std::vector<Lock> partitionLocks;
    for (const Table* part : targetPartitions(ctx, schema, table)) {
        const Table* live = ctx.liveTable(part->schema, part->name);
        if (!staysPartitionOfSameParent(live, part))
            continue; // created or attached by the plan: it gets the constraint then
        partitionLocks.push_back({LockMode::Share, qualified(part->schema, part->name), true});
        const Constraint* child = matchingKey(*part, key);
        if (!child) {
            ctx.addFinding({Finding::Severity::Blocking,
                            qualified(part->schema, part->name),
                            QStringLiteral("No constraint of partition %1 matches %2")
                                .arg(qualified(part->schema, part->name), quoteIdent(key.name)),
                            QStringLiteral("The target's partition has no key on the same "
                                           "columns for the parent's to adopt."),
                            {QStringLiteral("Check the target schema")},
                            QStringLiteral("K3")});
            continue;
        }
        const Constraint* existing = live->constraint(child->name);
        if (existing && existing->kind == child->kind && existing->columns == child->columns)
            continue;
        below << (part->kind == catalog::TableKind::Partitioned
                      ? partitionedKey(part->schema, part->name, *child, plan, ctx)
                      : leafKey(*part, *child, plan, ctx));
    }
    Step s;
    s.id = stepId(plan.phase, plan.verb, schema, table, key.name);
    s.phase = plan.phase;
    s.title = QStringLiteral("Add %1 %2 on partitioned table %3, adopting the partitions' "
                             "constraints")
                  .arg(keyWord(key).toLower(), quoteIdent(key.name), relation);
    s.sql = QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3;")
                .arg(relation, quoteIdent(key.name), key.definition.trimmed());
    s.rollbackSql = QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT IF EXISTS %2;")
                        .arg(relation, quoteIdent(key.name));
    s.locks = {{LockMode::AccessExclusive, relation, true}};
    s.locks.insert(s.locks.end(), partitionLocks.begin(), partitionLocks.end());
    s.hazards = {{HazardKind::AccessExclusiveLock,
                  QStringLiteral("ACCESS EXCLUSIVE on %1 and SHARE on its partitions for a "
                                 "catalog update: every partition already has its constraint")
                      .arg(relation)}};
    s.referenceRow =
        key.kind == ConstraintKind::PrimaryKey ? QStringLiteral("K4") : QStringLiteral("K3");
    s.dependsOn = plan.deps;
    s.dependsOn << below;
    s.rationale = QStringLiteral("ADD CONSTRAINT … USING INDEX is refused on a partitioned "
                                 "table; a plain ADD CONSTRAINT adopts each partition's matching "
                                 "constraint instead of building an index.");
    return ctx.add(std::move(s)).id;
}

} // namespace

QString planIndex(const Change& c, const Index& index, RecipeContext& ctx, const QString& as,
                  const QString& childSuffix)
{
    const QString relation = qualified(c.schema, c.table);
    const QString name = as.isEmpty() ? index.name : as;
    const QString sql = onOnlySql(index, name);
    if (sql.isEmpty()) {
        ctx.addFinding({Finding::Severity::Blocking,
                        qualified(c.schema, index.name),
                        QStringLiteral("Unrecognised index definition"),
                        QStringLiteral("Cannot build ON ONLY %1 from: %2")
                            .arg(relation, diff::displayLiteral(index.definition)),
                        {QStringLiteral("Create the index by hand: ON ONLY the parent, "
                                        "CONCURRENTLY on each partition, then ATTACH PARTITION")},
                        QStringLiteral("I1")});
        return {};
    }
    Step s;
    s.id = stepId(Phase::Expand,
                  as.isEmpty() ? QStringLiteral("create-index") : QStringLiteral("build-index"),
                  c.schema, c.table, index.name);
    s.phase = Phase::Expand;
    s.title =
        QStringLiteral("Create %1index %2 on partitioned table %3 only (invalid until "
                       "every partition's index is attached)")
            .arg(index.unique ? QStringLiteral("unique ") : QString(), quoteIdent(name), relation);
    s.sql = sql;
    s.rollbackSql =
        QStringLiteral("DROP INDEX IF EXISTS ") + qualified(c.schema, name) + QLatin1Char(';');
    s.locks = {{LockMode::Share, relation, true}};
    s.hazards = {
        {HazardKind::BlocksWrites,
         QStringLiteral("SHARE on %1 for a catalog update: ON ONLY builds nothing").arg(relation)}};
    s.referenceRow = QStringLiteral("I1");
    s.rationale = QStringLiteral("CREATE INDEX CONCURRENTLY is refused on a partitioned table. "
                                 "The parent gets its index alone; each partition's index is "
                                 "built concurrently and attached.");
    const QString createId = ctx.add(std::move(s)).id;

    for (const Table* part : targetPartitions(ctx, c.schema, c.table)) {
        if (!staysPartitionOfSameParent(ctx.liveTable(part->schema, part->name), part))
            continue; // a new or newly attached partition gets the index with it
        const Index* child = matchingIndex(*part, index);
        if (!child) {
            ctx.addFinding({Finding::Severity::Blocking,
                            qualified(part->schema, part->name),
                            QStringLiteral("No index of partition %1 matches %2")
                                .arg(qualified(part->schema, part->name), quoteIdent(index.name)),
                            QStringLiteral("The target's partition has no index shaped like "
                                           "the parent's, so none can be attached."),
                            {QStringLiteral("Check the target schema")},
                            QStringLiteral("I1")});
            continue;
        }
        attachPartitionIndex(c, name, *part, *child, childSuffix, createId, ctx);
    }
    return createId;
}

QString parentIndexDrop(const Change& change, const RecipeContext& ctx)
{
    const Index* before = change.beforeAs<Index>();
    const Table* live = ctx.liveTable(change.schema, change.table);
    if (!before || !live || !live->isPartition())
        return {};
    for (const Change& c : ctx.changes().changes) {
        if (c.kind != diff::ObjectKind::Index || c.action != diff::Action::Changed ||
            c.schema != live->partitionParentSchema || c.table != live->partitionParentName ||
            !c.attribute(QStringLiteral("definition")))
            continue;
        const Index* parentBefore = c.beforeAs<Index>();
        if (parentBefore && sameIndexShape(*parentBefore, *before))
            return stepId(Phase::Contract, QStringLiteral("drop-old-index"), c.schema, c.table,
                          parentBefore->name);
    }
    return {};
}

void planKey(const Change& c, const Constraint& k, const QStringList& deps, Phase attachPhase,
             RecipeContext& ctx)
{
    KeyPlan plan;
    plan.deps = deps;
    plan.phase = attachPhase;
    plan.verb = k.kind == ConstraintKind::PrimaryKey ? QStringLiteral("add-pk")
                                                     : QStringLiteral("add-unique");
    partitionedKey(c.schema, c.table, k, plan, ctx);
}

} // namespace bellows::plan::partitions

// A foreign key added to a live partitioned table: see partition_recipes.h.

#include "plan/constraint_sql.h"
#include "plan/partition_recipes.h"
#include "plan/partition_rules.h"
#include "sql/quote.h"

namespace bellows::plan::partitions {

using catalog::Constraint;
using catalog::ConstraintKind;
using catalog::Table;
using diff::Change;
using recipes::csql::body;
using sql::qualified;
using sql::quoteIdent;

namespace {

QString stepId(Phase phase, const QString& verb, const QString& schema, const QString& table,
               const QString& name)
{
    return toString(phase) + QLatin1Char(':') + verb + QLatin1Char(':') + schema +
           QLatin1Char('.') + table + QLatin1Char('.') + name;
}

// The partition's foreign key the target derives from the parent's.
const Constraint* matchingForeignKey(const Table& part, const Constraint& key)
{
    const Constraint* found = nullptr;
    for (const Constraint& k : part.constraints) {
        if (k.kind == ConstraintKind::ForeignKey && k.columns == key.columns &&
            k.refSchema == key.refSchema && k.refTable == key.refTable &&
            k.refColumns == key.refColumns && (!found || !k.isLocal))
            found = &k;
    }
    return found;
}

// Leaf: NOT VALID (a catalog update), then VALIDATE in its own transaction. Returns the id
// of the validation.
QString leafForeignKey(const Table& part, const Constraint& key, const QStringList& deps,
                       RecipeContext& ctx)
{
    const QString relation = qualified(part.schema, part.name);
    const QString parent = qualified(key.refSchema, key.refTable);
    Step s;
    s.id = stepId(Phase::Expand, QStringLiteral("add-fk"), part.schema, part.name, key.name);
    s.phase = Phase::Expand;
    s.title = QStringLiteral("Add foreign key %1 on partition %2 without validating existing "
                             "rows")
                  .arg(quoteIdent(key.name), relation);
    s.sql = QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3 NOT VALID;")
                .arg(relation, quoteIdent(key.name), body(key));
    s.rollbackSql = QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT IF EXISTS %2;")
                        .arg(relation, quoteIdent(key.name));
    s.locks = {{LockMode::ShareRowExclusive, relation, true},
               {LockMode::ShareRowExclusive, parent, true}};
    s.hazards = {{HazardKind::BlocksWrites,
                  QStringLiteral("SHARE ROW EXCLUSIVE on both tables for a catalog update")}};
    s.referenceRow = QStringLiteral("K2");
    s.dependsOn = deps;
    s.rationale = QStringLiteral("PostgreSQL refuses NOT VALID foreign keys on partitioned "
                                 "tables, not on their partitions: each partition gets its own, "
                                 "checked for new writes at once.");
    const QString addId = ctx.add(std::move(s)).id;

    Step v;
    v.id = stepId(Phase::Tighten, QStringLiteral("validate"), part.schema, part.name, key.name);
    v.phase = Phase::Tighten;
    v.title = QStringLiteral("Validate foreign key %1 on partition %2")
                  .arg(quoteIdent(key.name), relation);
    v.sql = QStringLiteral("ALTER TABLE %1 VALIDATE CONSTRAINT %2;")
                .arg(relation, quoteIdent(key.name));
    v.irreversibleReason = QStringLiteral("Validation changes no data and cannot be undone; the "
                                          "constraint's own rollback drops it.");
    v.locks = {{LockMode::ShareUpdateExclusive, relation, false},
               {LockMode::RowShare, parent, false}};
    v.work = Work::Scan;
    v.hazards = {{HazardKind::ValidationScan,
                  QStringLiteral("Reads every row of the partition under SHARE UPDATE "
                                 "EXCLUSIVE; reads and writes continue")}};
    v.referenceRow = QStringLiteral("K2");
    v.dependsOn << addId;
    v.rationale = QStringLiteral("Proves that no row of the partition is an orphan; if one is, "
                                 "the step fails and the orphans must be fixed first.");
    Step& added = ctx.add(std::move(v));
    added.estimatedSeconds = ctx.estimateSeconds(part.schema, part.name, Work::Scan);
    return added.id;
}

// A partitioned table: its partitions' foreign keys first, then the plain ADD here, which
// adopts them (validated, so nothing is scanned). Returns the id of that step.
QString partitionedForeignKey(const QString& schema, const QString& table, const Constraint& key,
                              const QStringList& deps, RecipeContext& ctx)
{
    const QString relation = qualified(schema, table);
    const QString parent = qualified(key.refSchema, key.refTable);
    QStringList below;
    std::vector<Lock> locks{{LockMode::ShareRowExclusive, relation, true},
                            {LockMode::AccessExclusive, parent, true}};
    for (const Table* part : targetPartitions(ctx, schema, table)) {
        const Table* live = ctx.liveTable(part->schema, part->name);
        if (!staysPartitionOfSameParent(live, part))
            continue;
        locks.push_back({LockMode::ShareRowExclusive, qualified(part->schema, part->name), true});
        const Constraint* child = matchingForeignKey(*part, key);
        if (!child)
            continue; // PostgreSQL creates it under the parent's name
        const Constraint* existing = live->constraint(child->name);
        if (existing && existing->kind == ConstraintKind::ForeignKey && existing->validated)
            continue;
        below << (part->kind == catalog::TableKind::Partitioned
                      ? partitionedForeignKey(part->schema, part->name, *child, deps, ctx)
                      : leafForeignKey(*part, *child, deps, ctx));
    }
    Step s;
    s.id = stepId(Phase::Tighten, QStringLiteral("add-fk"), schema, table, key.name);
    s.phase = Phase::Tighten;
    s.title = QStringLiteral("Add foreign key %1 on partitioned table %2, adopting the "
                             "partitions' validated ones")
                  .arg(quoteIdent(key.name), relation);
    s.sql = QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3;")
                .arg(relation, quoteIdent(key.name), body(key));
    s.rollbackSql = QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT IF EXISTS %2;")
                        .arg(relation, quoteIdent(key.name));
    s.locks = locks;
    s.hazards = {{HazardKind::AccessExclusiveLock,
                  QStringLiteral("SHARE ROW EXCLUSIVE on %1 and its partitions, ACCESS "
                                 "EXCLUSIVE on %2 (the partitions' own referential triggers "
                                 "go), for a catalog update: every partition already holds a "
                                 "validated foreign key, so nothing is scanned")
                      .arg(relation, parent)}};
    s.referenceRow = QStringLiteral("K2");
    s.dependsOn = deps;
    s.dependsOn << below;
    s.rationale = QStringLiteral("ADD CONSTRAINT on a partitioned table adopts each "
                                 "partition's matching foreign key instead of checking its rows.");
    return ctx.add(std::move(s)).id;
}

} // namespace

void planForeignKey(const Change& c, const Constraint& k, const QStringList& deps,
                    RecipeContext& ctx)
{
    partitionedForeignKey(c.schema, c.table, k, deps, ctx);
}

} // namespace bellows::plan::partitions

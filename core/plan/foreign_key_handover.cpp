#include "plan/foreign_key_handover.h"

#include "plan/constraint_sql.h"
#include "plan/sql_builders.h"
#include "sql/quote.h"

namespace bellows::plan::recipes {

using catalog::Constraint;
using catalog::ConstraintKind;

namespace {

// "constraint s.t.name" → the live foreign key it names, with its table.
std::pair<const catalog::Table*, const Constraint*> liveForeignKey(const QString& key,
                                                                   const RecipeContext& ctx)
{
    for (const catalog::Table& t : ctx.database().tables) {
        const QString prefix =
            QStringLiteral("constraint ") + t.schema + QLatin1Char('.') + t.name + QLatin1Char('.');
        if (!key.startsWith(prefix))
            continue;
        const Constraint* fk = t.constraint(key.mid(prefix.size()));
        if (fk && fk->kind == ConstraintKind::ForeignKey)
            return {&t, fk};
    }
    return {nullptr, nullptr};
}

// The index's key columns, sorted; empty when a key is an expression (no foreign key uses it).
QStringList keyColumns(const catalog::Index& index)
{
    QStringList out;
    for (const catalog::IndexKey& k : index.keys) {
        if (k.column.isEmpty())
            return {};
        out << k.column;
    }
    out.sort();
    return out;
}

bool renamedInPlan(const RecipeContext& ctx, const QString& schema, const QString& table,
                   const QString& constraint)
{
    for (const diff::Change& c : ctx.changes().changes) {
        if (c.action != diff::Action::Renamed || c.schema != schema)
            continue;
        if (c.kind == diff::ObjectKind::Table && c.renamedFrom == table)
            return true;
        if (c.kind == diff::ObjectKind::Constraint && c.renamedFrom == constraint &&
            (c.table == table || c.tableRenamedFrom == table))
            return true;
    }
    return false;
}

void block(RecipeContext& ctx, ForeignKeyHandover& out, const QString& object, const QString& title,
           const QString& reason, const QString& option)
{
    ctx.addFinding(
        {Finding::Severity::Blocking, object, title, reason, {option}, QStringLiteral("K6")});
    out.blocked = true;
}

// One foreign key on the index: handed over when the target keeps it as it is.
void consider(const catalog::Table& child, const Constraint& fk, bool live, const QString& object,
              ForeignKeyHandover& out, RecipeContext& ctx)
{
    const QString name =
        sqlb::rel(child.schema, child.name) + QLatin1Char('.') + sql::quoteIdent(fk.name);
    if (live && renamedInPlan(ctx, child.schema, child.name, fk.name))
        return block(ctx, out, object,
                     QStringLiteral("Foreign key %1 is renamed while the index it uses is "
                                    "replaced")
                         .arg(name),
                     QStringLiteral("It must be dropped and added back around the replacement "
                                    "of %1, under a name that changes in the same plan.")
                         .arg(object),
                     QStringLiteral("Rename it in a separate migration"));
    const catalog::Table* target = ctx.target().table(child.schema, child.name);
    const Constraint* kept = target ? target->constraint(fk.name) : nullptr;
    if (!kept || kept->kind != ConstraintKind::ForeignKey)
        return; // the target drops it: its own drop runs first (dependency_order.cpp)
    if (live && csql::body(*kept) != csql::body(fk))
        return block(
            ctx, out, object,
            QStringLiteral("Foreign key %1 changes while the index it uses is replaced").arg(name),
            QStringLiteral("It is dropped and added back around the replacement of "
                           "%1; changing it in the same plan would leave two recipes "
                           "fighting over it.")
                .arg(object),
            QStringLiteral("Change the foreign key in a separate migration"));
    if (child.kind == catalog::TableKind::Partitioned)
        return block(
            ctx, out, object,
            QStringLiteral("Foreign key %1 of a partitioned table uses the index "
                           "replaced")
                .arg(name),
            QStringLiteral("Moving it means re-creating it on every partition, which "
                           "this plan does not do."),
            QStringLiteral("Move the foreign key by hand before replacing %1").arg(object));
    out.keys.push_back({child.schema, child.name, fk.name, fk.refSchema, fk.refTable,
                        csql::body(*kept), kept->comment, kept->validated});
}

} // namespace

ForeignKeyHandover foreignKeysUsing(const DroppedIndex& dropped, RecipeContext& ctx)
{
    ForeignKeyHandover out;
    QStringList seen;
    auto take = [&](const catalog::Table& child, const Constraint& fk, bool live) {
        const QString key = QStringLiteral("constraint ") + child.schema + QLatin1Char('.') +
                            child.name + QLatin1Char('.') + fk.name;
        // A partition's copy of its parent's foreign key goes and comes with the parent's.
        if (seen.contains(key) || !fk.isLocal)
            return;
        seen << key;
        consider(child, fk, live, dropped.object, out, ctx);
    };
    for (const QString& dependent : ctx.database().dependentsOf(dropped.dependencyKey)) {
        if (const auto [child, fk] = liveForeignKey(dependent, ctx); fk)
            take(*child, *fk, true);
    }
    // Any foreign key on the same columns may sit on a sibling unique index another step drops,
    // or be moved onto this one by such a step: each drop hands them all over, so whichever runs
    // last leaves them on the index that stays. A new one attaches to the oldest matching index.
    const catalog::Index* index = dropped.index;
    const QStringList columns = index && index->unique && index->valid && index->predicate.isEmpty()
                                    ? keyColumns(*index)
                                    : QStringList();
    auto onColumns = [&](const Constraint& fk, const QString& table) {
        QStringList refColumns = fk.refColumns;
        refColumns.sort();
        return fk.kind == ConstraintKind::ForeignKey && fk.refSchema == dropped.schema &&
               fk.refTable == table && !columns.isEmpty() && refColumns == columns;
    };
    for (const catalog::Table& child : ctx.database().tables)
        for (const Constraint& fk : child.constraints)
            if (onColumns(fk, dropped.liveTable))
                take(child, fk, true);
    if (!dropped.withPlanned)
        return out;
    for (const catalog::Table& child : ctx.target().tables) {
        const catalog::Table* live = ctx.liveTable(child.schema, child.name);
        for (const Constraint& fk : child.constraints)
            if (onColumns(fk, dropped.targetTable) && !(live && live->constraint(fk.name)))
                take(child, fk, false);
    }
    return out;
}

void handOver(Step& s, const QString& relation, const ForeignKeyHandover& handover)
{
    if (handover.empty())
        return;
    QStringList tables{relation};
    QStringList drops;
    QStringList adds;
    for (const ForeignKeyHandover::Key& k : handover.keys) {
        const QString child = sqlb::rel(k.schema, k.table);
        if (!tables.contains(child)) {
            tables << child;
            s.locks.push_back(sqlb::lock(LockMode::AccessExclusive, k.schema, k.table));
        }
        drops << sqlb::dropConstraint(k.schema, k.table, k.name, true);
        adds << sqlb::addConstraint(k.schema, k.table, k.name, k.body, true);
        if (!k.comment.isEmpty())
            adds << QStringLiteral("COMMENT ON CONSTRAINT %1 ON %2 IS %3;")
                        .arg(sql::quoteIdent(k.name), child, sql::quoteLiteral(k.comment));
    }
    // Parent first, then the children, in one statement (as the key replacement locks them).
    s.sql = QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE;\n")
                .arg(tables.join(QStringLiteral(", "))) +
            drops.join(QLatin1Char('\n')) + QLatin1Char('\n') + s.sql + QLatin1Char('\n') +
            adds.join(QLatin1Char('\n'));
    s.hazards.push_back(sqlb::hazard(
        HazardKind::AccessExclusiveLock,
        QStringLiteral("ACCESS EXCLUSIVE on %1 while the foreign keys move off the old index "
                       "(catalog updates; they come back NOT VALID, nothing is scanned)")
            .arg(tables.join(QStringLiteral(", ")))));
    s.rationale += QStringLiteral(" The foreign keys using the old index are dropped first and "
                                  "added back NOT VALID in the same transaction, on the unique "
                                  "index that then matches their columns, so no write escapes "
                                  "them.");
}

Step validateForeignKeyStep(Phase phase, const QString& schema, const QString& table,
                            const QString& name, const QString& refSchema, const QString& refTable)
{
    Step v;
    v.id = sqlb::stepId(toString(phase), QStringLiteral("validate-foreign-key"),
                        sqlb::idPath(schema, table, name));
    v.phase = phase;
    v.title = QStringLiteral("Validate foreign key %1").arg(sql::quoteIdent(name));
    v.sql = sqlb::validateConstraint(schema, table, name);
    v.locks = {sqlb::lock(LockMode::ShareUpdateExclusive, schema, table, false),
               sqlb::lock(LockMode::RowShare, refSchema, refTable, false)};
    v.work = Work::Scan;
    v.hazards = {sqlb::hazard(HazardKind::ValidationScan,
                              QStringLiteral("scans %1 under SHARE UPDATE EXCLUSIVE; reads and "
                                             "writes continue")
                                  .arg(sqlb::rel(schema, table)))};
    v.irreversibleReason = QStringLiteral("Nothing to undo: validating only marks the foreign "
                                          "key as checked.");
    v.referenceRow = QStringLiteral("K2");
    return v;
}

void validateHandedOver(const ForeignKeyHandover& handover, const QString& after, Phase phase,
                        RecipeContext& ctx)
{
    for (const ForeignKeyHandover::Key& k : handover.keys) {
        const QString id = sqlb::stepId(toString(phase), QStringLiteral("validate-foreign-key"),
                                        sqlb::idPath(k.schema, k.table, k.name));
        // Handed over twice (two indexes on its columns go): validated once, after both.
        auto same = std::find_if(ctx.steps().begin(), ctx.steps().end(),
                                 [&](const Step& s) { return s.id == id; });
        if (same != ctx.steps().end()) {
            same->dependsOn << after;
            continue;
        }
        if (!k.validated)
            continue;
        Step v = validateForeignKeyStep(phase, k.schema, k.table, k.name, k.refSchema, k.refTable);
        v.dependsOn = {after};
        v.rationale = QStringLiteral("Rows written while the foreign key was NOT VALID were "
                                     "checked as they came; this proves the older ones.");
        Step& added = ctx.add(std::move(v));
        added.estimatedSeconds = ctx.estimateSeconds(k.schema, k.table, Work::Scan);
    }
}

} // namespace bellows::plan::recipes

// Indexes (reference I1–I5): built and dropped CONCURRENTLY outside transactions; a changed
// definition is built under a temporary name, then swapped in.

#include "plan/constraint_sql.h"
#include "plan/foreign_key_handover.h"
#include "plan/partition_recipes.h"
#include "plan/recipes.h"
#include "plan/sql_builders.h"
#include "sql/quote.h"

#include <algorithm>

namespace bellows::plan::recipes {

using catalog::Index;
using diff::Action;
using diff::Change;
using sql::qualified;
using sql::quoteIdent;
using sql::quoteLiteral;

using csql::liveName;
using csql::stepId;

namespace {

// "CREATE [UNIQUE] INDEX name ON ..." (pg_get_indexdef) with CONCURRENTLY IF NOT EXISTS and,
// optionally, another name. Empty when the text is not of that shape.
QString concurrentDefinition(const Index& index, const QString& name)
{
    const QString def = index.definition.trimmed();
    const QString kind =
        index.unique ? QStringLiteral("CREATE UNIQUE INDEX ") : QStringLiteral("CREATE INDEX ");
    const QString head = kind + quoteIdent(index.name) + QLatin1Char(' ');
    if (!def.startsWith(head))
        return {};
    return kind + QStringLiteral("CONCURRENTLY IF NOT EXISTS ") + quoteIdent(name) +
           QLatin1Char(' ') + def.mid(head.size()) + QLatin1Char(';');
}

QString dropConcurrently(const QString& schema, const QString& name)
{
    return QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS ") + qualified(schema, name) +
           QLatin1Char(';');
}

QString renameSql(const QString& schema, const QString& from, const QString& to)
{
    return QStringLiteral("ALTER INDEX ") + qualified(schema, from) +
           QStringLiteral(" RENAME TO ") + quoteIdent(to) + QLatin1Char(';');
}

// I1/I2: CREATE INDEX CONCURRENTLY, lock_timeout 0, outside any transaction.
Step& build(const Change& c, const Index& index, const QString& name, Phase phase,
            const QString& verb, RecipeContext& ctx)
{
    const QString relation = qualified(c.schema, c.table);
    Step s;
    s.id = stepId(phase, verb, c, index.name);
    s.phase = phase;
    s.title =
        QStringLiteral("Build %1index %2 on %3 without blocking writes")
            .arg(index.unique ? QStringLiteral("unique ") : QString(), quoteIdent(name), relation);
    s.sql = concurrentDefinition(index, name);
    s.rollbackSql = dropConcurrently(c.schema, name);
    s.locks.push_back({LockMode::ShareUpdateExclusive, relation, false});
    s.work = Work::Build;
    s.outsideTransaction = true;
    s.hazards.push_back(
        {HazardKind::IndexBuild,
         index.unique ? QStringLiteral("Writers may get unique violations during the build, "
                                       "even if it fails later; duplicates make it fail")
                      : QStringLiteral("Reads the whole table twice; reads and writes continue")});
    s.hazards.push_back({HazardKind::OutsideTransaction,
                         QStringLiteral("Runs in autocommit and waits for every older "
                                        "transaction; a failure leaves an INVALID index")});
    s.referenceRow = index.unique ? QStringLiteral("I2") : QStringLiteral("I1");
    s.rationale = QStringLiteral("CONCURRENTLY holds only SHARE UPDATE EXCLUSIVE: reads and "
                                 "writes continue. It runs without lock_timeout because a "
                                 "timeout would abort it and leave an INVALID index.");
    Step& added = ctx.add(std::move(s));
    added.estimatedSeconds = ctx.estimateSeconds(c.schema, liveName(c, ctx), Work::Build);
    return added;
}

// I3: DROP INDEX CONCURRENTLY (refused for indexes of partitioned tables: plain, AE brief).
Step& drop(const Change& c, const Index& index, const QString& name, Phase phase,
           const QString& verb, const QString& rollback, RecipeContext& ctx)
{
    const QString relation = qualified(c.schema, c.table);
    const catalog::Table* live = ctx.liveTable(c.schema, liveName(c, ctx));
    const bool partitioned = live && live->kind == catalog::TableKind::Partitioned;
    Step s;
    s.id = stepId(phase, verb, c, index.name);
    s.phase = phase;
    s.title = QStringLiteral("Drop index %1 from %2").arg(quoteIdent(name), relation);
    s.referenceRow = QStringLiteral("I3");
    s.rollbackSql = rollback;
    if (partitioned) {
        s.sql =
            QStringLiteral("DROP INDEX IF EXISTS ") + qualified(c.schema, name) + QLatin1Char(';');
        s.locks.push_back({LockMode::AccessExclusive, relation, true});
        s.hazards.push_back({HazardKind::AccessExclusiveLock,
                             QStringLiteral("PostgreSQL refuses CONCURRENTLY for indexes of "
                                            "partitioned tables; the drop itself is a catalog "
                                            "update")});
        s.rationale = QStringLiteral("Dropping the parent's index drops the partitions' too.");
        return ctx.add(std::move(s));
    }
    s.sql = dropConcurrently(c.schema, name);
    s.locks.push_back({LockMode::ShareUpdateExclusive, relation, false});
    s.outsideTransaction = true;
    s.hazards.push_back({HazardKind::OutsideTransaction,
                         QStringLiteral("Runs in autocommit; waits for transactions using the "
                                        "index. Queries that used it may slow down")});
    s.rationale = QStringLiteral("CONCURRENTLY avoids the ACCESS EXCLUSIVE lock of a plain DROP "
                                 "INDEX, which would queue every query on the table.");
    Step& added = ctx.add(std::move(s));
    return added;
}

// Foreign keys created against the plain index `name` hold on to it: the step dropping it
// becomes a plain DROP INDEX (a brief ACCESS EXCLUSIVE) that moves them to the replacement in
// its own transaction (foreign_key_handover.h); each is then validated. A no-op without them.
void handOverForeignKeys(Step& dropped, const Change& c, const Index& old, RecipeContext& ctx)
{
    const QString& name = old.name;
    const ForeignKeyHandover handover = foreignKeysUsing(
        {c.schema, liveName(c, ctx), c.table, &old,
         csql::liveKey(QStringLiteral("index"), c, name, ctx), qualified(c.schema, name)},
        ctx);
    if (handover.empty())
        return;
    const QString relation = qualified(c.schema, c.table);
    dropped.sql =
        QStringLiteral("DROP INDEX IF EXISTS ") + qualified(c.schema, name) + QLatin1Char(';');
    dropped.outsideTransaction = false;
    dropped.lockTimeoutMs = ctx.options().lockTimeoutMs; // set by ctx.add for the old SQL
    dropped.statementTimeoutMs = ctx.options().statementTimeoutMs;
    dropped.locks = {{LockMode::AccessExclusive, relation, true}};
    dropped.hazards.clear();
    dropped.rationale = QStringLiteral("A plain DROP INDEX: PostgreSQL refuses to drop an index "
                                       "that foreign keys use, CONCURRENTLY or not, so they "
                                       "move in the same transaction.");
    handOver(dropped, relation, handover);
    const QString id = dropped.id;
    const Phase phase = dropped.phase;
    validateHandedOver(handover, id, phase, ctx); // may move `dropped`: last use above
}

// I5: SHARE UPDATE EXCLUSIVE from 12 on, ACCESS EXCLUSIVE before.
Step& rename(const Change& c, const QString& from, const QString& to, Phase phase,
             const QString& verb, RecipeContext& ctx)
{
    Step s;
    s.id = stepId(phase, verb, c, to);
    s.phase = phase;
    s.title = QStringLiteral("Rename index %1 to %2").arg(quoteIdent(from), quoteIdent(to));
    s.sql = renameSql(c.schema, from, to);
    s.rollbackSql = renameSql(c.schema, to, from);
    const bool old = ctx.major() > 0 && ctx.major() < 12;
    s.locks.push_back({old ? LockMode::AccessExclusive : LockMode::ShareUpdateExclusive,
                       qualified(c.schema, from), true});
    if (old) {
        s.hazards.push_back({HazardKind::AccessExclusiveLock,
                             QStringLiteral("Before PostgreSQL 12 renaming an index takes ACCESS "
                                            "EXCLUSIVE (catalog update only)")});
    }
    s.referenceRow = QStringLiteral("I5");
    s.rationale = QStringLiteral("A name only; tooling that refers to the index by name must "
                                 "follow.");
    return ctx.add(std::move(s));
}

Step& comment(const Change& c, const QString& name, const QString& to, const QString& from,
              Phase phase, const QString& after, RecipeContext& ctx)
{
    auto text = [](const QString& value) -> QString {
        return value.isEmpty() ? QStringLiteral("NULL") : quoteLiteral(value);
    };
    const QString head =
        QStringLiteral("COMMENT ON INDEX ") + qualified(c.schema, name) + QStringLiteral(" IS ");
    Step s;
    s.id = stepId(phase, QStringLiteral("comment-index"), c, name);
    s.phase = phase;
    s.title = QStringLiteral("Set the comment of index %1").arg(quoteIdent(name));
    s.sql = head + text(to) + QLatin1Char(';');
    s.rollbackSql = head + text(from) + QLatin1Char(';');
    s.locks.push_back({LockMode::ShareUpdateExclusive, qualified(c.schema, name), true});
    s.referenceRow = QStringLiteral("M2");
    if (!after.isEmpty())
        s.dependsOn << after;
    s.rationale = QStringLiteral("Comments never affect the application.");
    return ctx.add(std::move(s));
}

// A materialized view whose definition changes is rebuilt with its indexes by planView.
bool ownerRebuilt(const Change& c, RecipeContext& ctx)
{
    if (c.parentKind != diff::ObjectKind::MaterializedView)
        return false;
    const Change* owner = ctx.changes().owner(c);
    return owner && owner->attribute(QStringLiteral("definition"));
}

// The old index is the table's replica identity (the target keeps it so): dropping it would leave
// the table with none (relreplident 'i' and no index: UPDATE and DELETE refused on a published
// table). The identity moves to the new index first, in contract, right before the old one
// goes; it keeps it under the old name after the rename.
QString moveReplicaIdentity(const Change& c, const QString& old, const QString& replacement,
                            RecipeContext& ctx)
{
    // The target keeps this index (under its name) as the identity; otherwise the identity is
    // set to the target's in expand, before the old index goes.
    const catalog::Table* target = ctx.target().table(c.schema, c.table);
    if (!target || target->replicaIdentity != QLatin1String("index") ||
        target->replicaIdentityIndex != old)
        return {};
    const QString relation = qualified(c.schema, c.table);
    Step s;
    s.id = stepId(Phase::Contract, QStringLiteral("replica-identity-index"), c, old);
    s.phase = Phase::Contract;
    s.title = QStringLiteral("Make %1 the replica identity of %2 before %3 goes")
                  .arg(quoteIdent(replacement), relation, quoteIdent(old));
    s.sql = QStringLiteral("ALTER TABLE %1 REPLICA IDENTITY USING INDEX %2;")
                .arg(relation, quoteIdent(replacement));
    s.rollbackSql = QStringLiteral("ALTER TABLE %1 REPLICA IDENTITY USING INDEX %2;")
                        .arg(relation, quoteIdent(old));
    s.locks.push_back({LockMode::AccessExclusive, relation, true});
    s.referenceRow = QStringLiteral("M1");
    s.rationale = QStringLiteral("A catalog update: logical replication identifies rows by the "
                                 "new index from here on, so the table never has no identity.");
    return ctx.add(std::move(s)).id;
}

// The target keeps the index of a live UNIQUE or PRIMARY KEY constraint it drops (a constraint
// becoming a plain unique index): dropping the constraint drops its index, so the new index is
// built beside it under another name, and takes the name in contract, in the transaction that
// drops the constraint. Uniqueness is enforced throughout.
QString replaceConstraintIndex(const Change& c, const Index& index, const QString& constraint,
                               RecipeContext& ctx)
{
    const QString temporary = sqlb::boundedName(index.name, QStringLiteral("_bellows_new"));
    const catalog::Table* live = ctx.liveTable(c.schema, liveName(c, ctx));
    const Index* old = live ? live->index(index.name) : nullptr;
    const ForeignKeyHandover handover =
        foreignKeysUsing({c.schema, liveName(c, ctx), c.table, old,
                          csql::liveKey(QStringLiteral("constraint"), c, constraint, ctx),
                          qualified(c.schema, index.name)},
                         ctx);
    if (handover.blocked)
        return {};
    const QString built =
        build(c, index, temporary, Phase::Expand, QStringLiteral("create-index"), ctx).id;
    const QString relation = qualified(c.schema, c.table);
    Step s;
    s.id = stepId(Phase::Contract, QStringLiteral("take-index-name"), c, index.name);
    s.phase = Phase::Contract;
    s.title = QStringLiteral("Drop constraint %1 from %2 and give its name to the new index")
                  .arg(quoteIdent(constraint), relation);
    s.sql = QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT IF EXISTS %2;\n")
                .arg(relation, quoteIdent(constraint)) +
            renameSql(c.schema, temporary, index.name);
    // The constraint's index identifies rows for logical replication: the new one takes over
    // first, or the table would be left with no replica identity.
    const catalog::Table* target = ctx.target().table(c.schema, c.table);
    if (target && target->replicaIdentity == QLatin1String("index") &&
        target->replicaIdentityIndex == index.name)
        s.sql = QStringLiteral("ALTER TABLE %1 REPLICA IDENTITY USING INDEX %2;\n")
                    .arg(relation, quoteIdent(temporary)) +
                s.sql;
    s.irreversibleReason = QStringLiteral("The constraint's own index is dropped with it; "
                                          "re-creating it needs its index built again (K3-K5).");
    s.locks.push_back({LockMode::AccessExclusive, relation, true});
    s.hazards.push_back({HazardKind::AccessExclusiveLock,
                         QStringLiteral("Catalog updates only; the new index enforces uniqueness "
                                        "throughout")});
    s.referenceRow = QStringLiteral("K6");
    s.dependsOn << built;
    s.rationale = QStringLiteral("The constraint's index carries the name until the constraint "
                                 "goes; the index built beside it takes the name in the same "
                                 "transaction.");
    handOver(s, relation, handover);
    const QString id = ctx.add(std::move(s)).id;
    validateHandedOver(handover, id, Phase::Contract, ctx);
    return id;
}

QString add(const Change& c, const Index& index, Phase phase, RecipeContext& ctx)
{
    const catalog::Table* live = ctx.liveTable(c.schema, liveName(c, ctx));
    if (live && live->kind == catalog::TableKind::Partitioned)
        return partitions::planIndex(c, index, ctx);
    const Index* namesake = live ? live->index(index.name) : nullptr;
    if (namesake && !namesake->constraintName.isEmpty())
        return replaceConstraintIndex(c, index, namesake->constraintName, ctx);
    return build(c, index, index.name, phase, QStringLiteral("create-index"), ctx).id;
}

} // namespace

void planIndex(const Change& change, RecipeContext& ctx)
{
    // A new table's indexes are part of its creation; an index behind a constraint belongs to
    // the constraint; a new or rebuilt materialized view brings its own.
    if (change.parentKind == diff::ObjectKind::Table && liveName(change, ctx).isEmpty())
        return;
    if (change.parentKind != diff::ObjectKind::Table &&
        !ctx.database().view(change.schema, change.table))
        return;
    if (ownerRebuilt(change, ctx))
        return;
    const Index* before = change.beforeAs<Index>();
    const Index* after = change.afterAs<Index>();
    if ((after && !after->constraintName.isEmpty()) ||
        (!after && before && !before->constraintName.isEmpty()))
        return;

    const QString previous =
        change.action == Action::Changed && !change.renamedFrom.isEmpty()
            ? stepId(Phase::Expand, QStringLiteral("rename-index"), change, change.name)
            : QString();

    switch (change.action) {
    case Action::Added: {
        if (!after)
            return;
        if (concurrentDefinition(*after, after->name).isEmpty() &&
            !(ctx.liveTable(change.schema, liveName(change, ctx)) &&
              ctx.liveTable(change.schema, liveName(change, ctx))->kind ==
                  catalog::TableKind::Partitioned)) {
            ctx.addFinding({Finding::Severity::Blocking,
                            qualified(change.schema, change.name),
                            QStringLiteral("Unrecognised index definition"),
                            QStringLiteral("Cannot build CONCURRENTLY from: %1")
                                .arg(diff::displayLiteral(after->definition)),
                            {QStringLiteral("Create the index by hand with CONCURRENTLY")},
                            QStringLiteral("I1")});
            return;
        }
        const QString id = add(change, *after, Phase::Expand, ctx);
        if (!id.isEmpty() && !after->comment.isEmpty())
            comment(change, after->name, after->comment, {}, Phase::Expand, id, ctx);
        return;
    }
    case Action::Removed:
        // A unique index the target turns into a constraint of its name: the constraint's
        // recipe adopts or replaces it.
        if (before && !csql::constraintTakesIndex(ctx, change.schema, change.table, before->name)) {
            const QString create = concurrentDefinition(*before, before->name);
            Step& dropped = drop(change, *before, before->name, Phase::Contract,
                                 QStringLiteral("drop-index"), create, ctx);
            handOverForeignKeys(dropped, change, *before, ctx);
        }
        return;
    case Action::Renamed:
        rename(change, change.renamedFrom, change.name, Phase::Expand,
               QStringLiteral("rename-index"), ctx);
        return;
    case Action::Changed:
        break;
    }
    if (!before || !after)
        return;
    // The index of a constraint the target drops, kept as a plain index of the same name.
    const catalog::Table* targetTable = ctx.target().table(change.schema, change.table);
    if (!before->constraintName.isEmpty() && after->constraintName.isEmpty() && targetTable &&
        !targetTable->constraint(before->constraintName)) {
        replaceConstraintIndex(change, *after, before->constraintName, ctx);
        return;
    }

    const diff::AttributeChange* note = change.attribute(QStringLiteral("comment"));
    QString last = previous;
    if (change.attribute(QStringLiteral("definition"))) {
        // Build the new shape beside the old one, then drop the old and take over its name.
        const QString suffix = QStringLiteral("_bellows_new");
        const QString temporary = sqlb::boundedName(after->name, suffix);
        const catalog::Table* live = ctx.liveTable(change.schema, liveName(change, ctx));
        const bool partitioned = live && live->kind == catalog::TableKind::Partitioned;
        const QString builtId = partitioned
                                    ? partitions::planIndex(change, *after, ctx, temporary, suffix)
                                    : build(change, *after, temporary, Phase::Expand,
                                            QStringLiteral("build-index"), ctx)
                                          .id;
        if (builtId.isEmpty())
            return;
        if (!previous.isEmpty())
            for (Step& st : ctx.steps())
                if (st.id == builtId)
                    st.dependsOn << previous;
        // A partition's old index goes with its parent's: PostgreSQL refuses to drop it alone.
        if (const QString parentDrop = partitions::parentIndexDrop(change, ctx);
            !parentDrop.isEmpty()) {
            Step& renamed = rename(change, temporary, after->name, Phase::Contract,
                                   QStringLiteral("rename-new-index"), ctx);
            renamed.dependsOn << parentDrop;
            if (!after->comment.isEmpty())
                comment(change, after->name, after->comment, {}, Phase::Contract, renamed.id, ctx);
            return;
        }
        const QString identityMoved = moveReplicaIdentity(change, before->name, temporary, ctx);
        Step& dropped =
            drop(change, *before, before->name, Phase::Contract, QStringLiteral("drop-old-index"),
                 concurrentDefinition(*before, before->name), ctx);
        dropped.dependsOn << builtId;
        if (!identityMoved.isEmpty())
            dropped.dependsOn << identityMoved;
        dropped.rationale +=
            QStringLiteral(" The replacement %1 is already built.").arg(quoteIdent(temporary));
        const QString droppedId = dropped.id;
        handOverForeignKeys(dropped, change, *before, ctx);
        Step& renamed = rename(change, temporary, after->name, Phase::Contract,
                               QStringLiteral("rename-new-index"), ctx);
        renamed.dependsOn << droppedId;
        last = renamed.id;
        if (!after->comment.isEmpty())
            comment(change, after->name, after->comment, {}, Phase::Contract, last, ctx);
        return;
    }
    if (change.attribute(QStringLiteral("validity")) && after->valid) {
        // An INVALID leftover of a failed concurrent build.
        Step& dropped = drop(change, *before, before->name, Phase::Expand,
                             QStringLiteral("drop-invalid-index"), {}, ctx);
        dropped.rationale = QStringLiteral("The index is INVALID (a failed concurrent build): "
                                           "it is dropped and built again.");
        dropped.irreversibleReason = QStringLiteral("An invalid index serves no query.");
        if (!previous.isEmpty())
            dropped.dependsOn << previous;
        const QString droppedId = dropped.id;
        Step& built =
            build(change, *after, after->name, Phase::Expand, QStringLiteral("rebuild-index"), ctx);
        built.dependsOn << droppedId;
        last = built.id;
    }
    if (const diff::AttributeChange* space = change.attribute(QStringLiteral("tablespace"))) {
        ctx.addFinding({Finding::Severity::Warning,
                        qualified(change.schema, change.name),
                        QStringLiteral("Index tablespace change not planned"),
                        QStringLiteral("ALTER INDEX ... SET TABLESPACE rewrites the index under "
                                       "ACCESS EXCLUSIVE (from %1 to %2).")
                            .arg(diff::displayIdent(space->from), diff::displayIdent(space->to)),
                        {QStringLiteral("Build a copy concurrently in the new tablespace and "
                                        "swap names"),
                         QStringLiteral("REINDEX INDEX CONCURRENTLY ... TABLESPACE (PostgreSQL "
                                        "14+)")},
                        QStringLiteral("I4")});
    }
    if (note)
        comment(change, after->name, note->to, note->from, Phase::Expand, last, ctx);
}

// A new index on a column that a column swap (or key swap) replaces would be built on the old
// column and dropped with it. It is built after the swap instead, on the final column.
void linkIndexesToSwaps(RecipeContext& ctx)
{
    const QString prefix = toString(Phase::Expand) + QStringLiteral(":create-index:");
    for (Step& step : ctx.steps()) {
        if (!step.id.startsWith(prefix) || step.phase != Phase::Expand)
            continue;
        for (const catalog::Table& t : ctx.target().tables) {
            const QString path = t.schema + QLatin1Char('.') + t.name + QLatin1Char('.');
            if (!step.id.startsWith(prefix + path))
                continue;
            const QString indexName = step.id.mid(prefix.size() + path.size());
            for (const Index& index : t.indexes) {
                if (index.name != indexName)
                    continue;
                QStringList columns = index.include;
                for (const catalog::IndexKey& k : index.keys)
                    columns << k.column;
                for (const QString& column : columns) {
                    for (const QString& verb :
                         {QStringLiteral("drop-sync-trigger"), QStringLiteral("swap-key")}) {
                        const QString swap = toString(Phase::Contract) + QLatin1Char(':') + verb +
                                             QLatin1Char(':') + path + column;
                        const bool planned =
                            std::any_of(ctx.steps().begin(), ctx.steps().end(),
                                        [&](const Step& s) { return s.id == swap; });
                        if (planned && !column.isEmpty()) {
                            step.phase = Phase::Contract;
                            step.dependsOn << swap;
                        }
                    }
                }
            }
        }
    }
}

} // namespace bellows::plan::recipes

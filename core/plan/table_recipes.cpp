// Table recipes (reference §2.1 T1–T3) and the table's own attributes (comment, RLS flags).
// A new table is created whole here — columns, constraints, indexes, comments, RLS flags,
// triggers and policies — since the planner does not pass sub-objects of an added table on.

#include "catalog/privilege_sql.h"
#include "plan/column_swap.h"
#include "plan/partition_recipes.h"
#include "plan/recipes.h"
#include "plan/sql_builders.h"
#include "plan/sync_trigger.h"
#include "plan/table_options.h"

#include "sql/quote.h"

namespace bellows::plan {

using catalog::Table;
using diff::Action;
using diff::Change;
using sql::quoteIdent;
using sql::quoteLiteral;

namespace {

QString stepPath(const QString& schema, const QString& name)
{
    return sqlb::idPath(schema, name);
}

QString createPolicySql(const Table& t, const catalog::Policy& p)
{
    QStringList roles;
    for (const QString& r : p.roles)
        roles << (r == QLatin1String("public") ? QStringLiteral("PUBLIC") : quoteIdent(r));
    QString out =
        QStringLiteral("CREATE POLICY %1 ON %2 AS %3 FOR %4")
            .arg(quoteIdent(p.name), sqlb::rel(t.schema, t.name),
                 p.permissive ? QStringLiteral("PERMISSIVE") : QStringLiteral("RESTRICTIVE"),
                 p.command.isEmpty() ? QStringLiteral("ALL") : p.command);
    if (!roles.isEmpty())
        out += QStringLiteral(" TO ") + roles.join(QStringLiteral(", "));
    if (!p.usingExpr.isEmpty())
        out += QStringLiteral(" USING (%1)").arg(p.usingExpr);
    if (!p.withCheckExpr.isEmpty())
        out += QStringLiteral(" WITH CHECK (%1)").arg(p.withCheckExpr);
    return out + QLatin1Char(';');
}

// Statements that create `t` whole; FK parents it references go to `referenced`.
QStringList createTableSql(const Table& t, bool asPartitionOf, QStringList& referenced)
{
    const QString name = sqlb::rel(t.schema, t.name);
    QStringList parts;
    // PARTITION OF takes the parent's columns and accepts only constraints in its list.
    for (const catalog::Column& c : t.columns) {
        if (!asPartitionOf)
            parts << QStringLiteral("    ") + sqlb::columnDefinition(c);
    }
    for (const catalog::Constraint& c : t.constraints) {
        if (!c.isLocal && asPartitionOf)
            continue;
        QString def = c.definition;
        // An empty table has nothing to validate: constraints are created valid.
        def.remove(QStringLiteral(" NOT VALID"));
        parts << QStringLiteral("    CONSTRAINT %1 %2").arg(quoteIdent(c.name), def);
        if (c.kind == catalog::ConstraintKind::ForeignKey &&
            !(c.refSchema == t.schema && c.refTable == t.name))
            referenced << sqlb::rel(c.refSchema, c.refTable);
    }
    QString head = QStringLiteral("CREATE %1TABLE %2")
                       .arg(t.unlogged ? QStringLiteral("UNLOGGED ") : QString(), name);
    QString body = parts.isEmpty() ? QString()
                                   : QStringLiteral(" (\n") + parts.join(QStringLiteral(",\n")) +
                                         QStringLiteral("\n)");
    QString statement;
    if (asPartitionOf) {
        statement = head +
                    QStringLiteral(" PARTITION OF %1")
                        .arg(sqlb::rel(t.partitionParentSchema, t.partitionParentName)) +
                    body + QLatin1Char(' ') + t.partitionBound;
    } else {
        statement = head + (body.isEmpty() ? QStringLiteral(" ()") : body);
        if (!t.inherits.isEmpty()) {
            QStringList parents;
            for (const QString& p : t.inherits) {
                const QStringList bits = sql::splitQualifiedName(p);
                parents << (bits.size() == 2 ? sqlb::rel(bits[0], bits[1]) : p);
            }
            statement += QStringLiteral(" INHERITS (%1)").arg(parents.join(QStringLiteral(", ")));
        }
    }
    if (t.kind == catalog::TableKind::Partitioned)
        statement += QStringLiteral(" PARTITION BY ") + t.partitionKey;
    if (!t.options.isEmpty())
        statement += QStringLiteral(" WITH (%1)").arg(t.options.join(QStringLiteral(", ")));
    QStringList out{statement + QLatin1Char(';')};

    // Indexes backing constraints came with them; a partition's indexes come from its parent.
    if (!asPartitionOf) {
        for (const catalog::Index& i : t.indexes) {
            if (i.constraintName.isEmpty() && !i.primary)
                out << i.definition + QLatin1Char(';');
        }
    }
    if (!t.comment.isEmpty())
        out << sqlb::commentOnTable(t.schema, t.name, t.comment);
    for (const catalog::Column& c : t.columns) {
        if (!c.comment.isEmpty() && (c.isLocal || !asPartitionOf))
            out << sqlb::commentOnColumn(t.schema, t.name, c.name, c.comment);
    }
    for (const catalog::Constraint& c : t.constraints) {
        if (!c.comment.isEmpty())
            out << QStringLiteral("COMMENT ON CONSTRAINT %1 ON %2 IS %3;")
                       .arg(quoteIdent(c.name), name, quoteLiteral(c.comment));
    }
    for (const catalog::Index& i : t.indexes) {
        if (!i.comment.isEmpty())
            out << QStringLiteral("COMMENT ON INDEX %1 IS %2;")
                       .arg(sqlb::rel(t.schema, i.name), quoteLiteral(i.comment));
    }
    if (t.rlsEnabled)
        out << sqlb::alterTable(t.schema, t.name, QStringLiteral("ENABLE ROW LEVEL SECURITY"));
    if (t.rlsForced)
        out << sqlb::alterTable(t.schema, t.name, QStringLiteral("FORCE ROW LEVEL SECURITY"));
    for (const catalog::Policy& p : t.policies)
        out << createPolicySql(t, p);
    for (const catalog::Trigger& tr : t.triggers) {
        if (tr.isInternal)
            continue;
        out << tr.definition + QLatin1Char(';');
        if (tr.enabled == 'D')
            out << sqlb::alterTable(t.schema, t.name,
                                    QStringLiteral("DISABLE TRIGGER ") + quoteIdent(tr.name));
    }
    return out;
}

void planCreate(const Change& change, RecipeContext& ctx)
{
    const Table* t = change.afterAs<Table>();
    if (!t)
        return;
    const QString who = sqlb::rel(t->schema, t->name);
    // A new partition of an existing parent: PARTITION OF takes AE on the parent (brief).
    const bool partitionOfLive =
        t->isPartition() && !ctx.isNewTable(t->partitionParentSchema, t->partitionParentName);
    QStringList referenced;
    if (partitionOfLive) {
        const Table* parent = ctx.liveTable(t->partitionParentSchema, t->partitionParentName);
        QStringList standalone;
        const QStringList createSql = createTableSql(*t, false, standalone);
        if (parent && (partitions::planReplacement(*parent, *t, createSql, ctx) ||
                       partitions::planCreateOverDefault(*parent, *t, createSql, ctx)))
            return;
    }
    Step s;
    s.id = sqlb::stepId(QStringLiteral("expand"), QStringLiteral("create-table"),
                        stepPath(t->schema, t->name));
    s.phase = Phase::Expand;
    s.title = QStringLiteral("Create table %1").arg(who);
    s.sql = createTableSql(*t, t->isPartition(), referenced).join(QLatin1Char('\n'));
    s.rollbackSql = QStringLiteral("DROP TABLE %1;").arg(who);
    s.locks = {sqlb::lock(LockMode::AccessExclusive, t->schema, t->name)};
    s.referenceRow = QStringLiteral("T1");
    s.rationale = QStringLiteral("A new, empty table: constraints are created valid and indexes "
                                 "built plainly in one transaction, since there is nothing to "
                                 "scan. The rollback loses rows written by new code.");
    referenced.removeDuplicates();
    for (const QString& r : referenced) {
        s.locks.push_back(Lock{LockMode::ShareRowExclusive, r, true});
        s.hazards.push_back(sqlb::hazard(
            HazardKind::BlocksWrites,
            QStringLiteral("the foreign key takes SHARE ROW EXCLUSIVE on %1: its writers wait "
                           "for a moment")
                .arg(r)));
    }
    if (partitionOfLive) {
        const QString parent = sqlb::rel(t->partitionParentSchema, t->partitionParentName);
        s.locks.push_back(sqlb::lock(LockMode::AccessExclusive, t->partitionParentSchema,
                                     t->partitionParentName));
        s.hazards.push_back(sqlb::hazard(
            HazardKind::AccessExclusiveLock,
            QStringLiteral("PARTITION OF takes ACCESS EXCLUSIVE on the parent %1: all its reads "
                           "and writes wait (briefly, behind running transactions)")
                .arg(parent)));
        s.referenceRow = QStringLiteral("T1, P1");
        s.rationale += QStringLiteral(" For a very busy parent, the P1 route (CREATE TABLE … LIKE, "
                                      "bound CHECK, ATTACH PARTITION under SHARE UPDATE EXCLUSIVE) "
                                      "avoids the ACCESS EXCLUSIVE on %1.")
                           .arg(parent);
    }
    // Referenced tables created by the same plan come first.
    for (const catalog::Constraint& c : t->constraints) {
        if (c.kind == catalog::ConstraintKind::ForeignKey &&
            !(c.refSchema == t->schema && c.refTable == t->name) &&
            ctx.isNewTable(c.refSchema, c.refTable))
            s.dependsOn << sqlb::stepId(QStringLiteral("expand"), QStringLiteral("create-table"),
                                        stepPath(c.refSchema, c.refTable));
    }
    if (t->isPartition() && !partitionOfLive)
        s.dependsOn << sqlb::stepId(QStringLiteral("expand"), QStringLiteral("create-table"),
                                    stepPath(t->partitionParentSchema, t->partitionParentName));
    // Its triggers need their functions: those the same plan creates come first.
    for (const catalog::Trigger& tr : t->triggers) {
        const QStringList fn = sql::splitQualifiedName(tr.function);
        if (fn.size() != 2)
            continue;
        const Change* created =
            ctx.changes().find(diff::ObjectKind::Function, fn.at(0), {}, fn.at(1));
        if (created && created->action == Action::Added)
            s.dependsOn << QStringLiteral("expand:create-function:%1.%2()").arg(fn.at(0), fn.at(1));
    }
    if (t->replicaIdentity != QLatin1String("default"))
        s.sql += QLatin1Char('\n') +
                 sqlb::alterTable(t->schema, t->name,
                                  t->replicaIdentity == QLatin1String("index")
                                      ? QStringLiteral("REPLICA IDENTITY USING INDEX ") +
                                            quoteIdent(t->replicaIdentityIndex)
                                      : QStringLiteral("REPLICA IDENTITY ") +
                                            t->replicaIdentity.toUpper());
    const QString createId = s.id;
    ctx.add(std::move(s));
    for (const catalog::Column& c : t->columns)
        detail::planColumnSettings(ctx, t->schema, t->name, nullptr, c, {createId});
}

void planDrop(const Change& change, RecipeContext& ctx)
{
    const Table* t = change.beforeAs<Table>();
    if (!t)
        return;
    const QString who = sqlb::rel(t->schema, t->name);
    // DROP TABLE of a partitioned table drops every partition with it: a partition the target
    // keeps (as a table of its own) would lose its rows.
    for (const Table& part : ctx.database().tables) {
        if (part.partitionParentSchema != t->schema || part.partitionParentName != t->name ||
            !ctx.target().table(part.schema, part.name))
            continue;
        Finding f;
        f.object = who;
        f.title = QStringLiteral("Dropping %1 would drop its partition %2, which the target keeps")
                      .arg(who, sqlb::rel(part.schema, part.name));
        f.reason = QStringLiteral("PostgreSQL drops a partitioned table's partitions with it; "
                                  "the rows of %1 would be lost.")
                       .arg(sqlb::rel(part.schema, part.name));
        f.options = {QStringLiteral("Detach the partition by hand first (ALTER TABLE %1 DETACH "
                                    "PARTITION %2), then plan again")
                         .arg(who, sqlb::rel(part.schema, part.name)),
                     QStringLiteral("Keep %1 in the target").arg(who)};
        f.referenceRow = QStringLiteral("T2");
        ctx.addFinding(f);
        return;
    }
    const QString p = stepPath(t->schema, t->name);
    Step s;
    s.id = sqlb::stepId(QStringLiteral("contract"), QStringLiteral("drop-table"), p);
    s.phase = Phase::Contract;
    s.title = QStringLiteral("Drop table %1").arg(who);
    s.sql = QStringLiteral("DROP TABLE %1;").arg(who);
    s.irreversibleReason = QStringLiteral("Every row of %1 is gone; restore from a backup "
                                          "(pg_dump -t %2 before running this step).")
                               .arg(who, quoteLiteral(t->schema + QLatin1Char('.') + t->name));
    s.locks = {sqlb::lock(LockMode::AccessExclusive, t->schema, t->name)};
    s.hazards = {
        sqlb::hazard(HazardKind::DataLoss, QStringLiteral("all rows of %1 are deleted").arg(who)),
        sqlb::hazard(HazardKind::BreaksRunningApp,
                     QStringLiteral("app versions (and ORM models) that use %1 fail").arg(who)),
        sqlb::hazard(HazardKind::Irreversible,
                     QStringLiteral("no SQL rollback: restore from a backup")),
        sqlb::hazard(HazardKind::AccessExclusiveLock,
                     QStringLiteral("ACCESS EXCLUSIVE on %1 for a catalog update").arg(who)),
    };
    s.referenceRow = QStringLiteral("T2");
    s.rationale = QStringLiteral("Contract: only after no running app version uses %1. Back it "
                                 "up first: pg_dump -t %2. Never CASCADE.")
                      .arg(who, quoteLiteral(t->schema + QLatin1Char('.') + t->name));
    // Its foreign keys go first, one short transaction each: dropping one takes ACCESS
    // EXCLUSIVE on the referenced table too, and DROP TABLE would take them all at once (T2).
    for (const catalog::Constraint& c : t->constraints) {
        if (c.kind != catalog::ConstraintKind::ForeignKey ||
            (c.refSchema == t->schema && c.refTable == t->name))
            continue;
        const QString parent = sqlb::rel(c.refSchema, c.refTable);
        Step fk;
        fk.id = sqlb::stepId(QStringLiteral("contract"), QStringLiteral("drop-foreign-key"),
                             sqlb::idPath(t->schema, t->name, c.name));
        fk.phase = Phase::Contract;
        fk.title = QStringLiteral("Drop foreign key %1 of %2 (before dropping the table)")
                       .arg(quoteIdent(c.name), who);
        fk.sql = sqlb::dropConstraint(t->schema, t->name, c.name);
        fk.rollbackSql = sqlb::addConstraint(t->schema, t->name, c.name, c.definition, true);
        fk.locks = {sqlb::lock(LockMode::AccessExclusive, t->schema, t->name),
                    sqlb::lock(LockMode::AccessExclusive, c.refSchema, c.refTable)};
        fk.hazards = {sqlb::hazard(HazardKind::AccessExclusiveLock,
                                   QStringLiteral("ACCESS EXCLUSIVE on %1 and on %2 (its "
                                                  "referential triggers go) for a catalog update")
                                       .arg(who, parent))};
        fk.referenceRow = QStringLiteral("T2, K6");
        fk.rationale = QStringLiteral("One foreign key per transaction keeps each block of %1 "
                                      "as short as a catalog update.")
                           .arg(parent);
        s.dependsOn << fk.id;
        ctx.add(std::move(fk));
    }
    if (t->isPartition())
        s.locks.push_back(sqlb::lock(LockMode::AccessExclusive, t->partitionParentSchema,
                                     t->partitionParentName));

    // Tables whose foreign keys reference this one: dropped first when the plan drops them too,
    // otherwise the drop would need CASCADE.
    QStringList blockers;
    for (const Table& other : ctx.database().tables) {
        if (other.schema == t->schema && other.name == t->name)
            continue;
        for (const catalog::Constraint& c : other.constraints) {
            if (c.kind != catalog::ConstraintKind::ForeignKey || c.refSchema != t->schema ||
                c.refTable != t->name)
                continue;
            const Change* otherTable =
                ctx.changes().find(diff::ObjectKind::Table, other.schema, QString(), other.name);
            const Change* fk =
                ctx.changes().find(diff::ObjectKind::Constraint, other.schema, other.name, c.name);
            if (otherTable && otherTable->action == Action::Removed)
                s.dependsOn << sqlb::stepId(QStringLiteral("contract"),
                                            QStringLiteral("drop-table"),
                                            stepPath(other.schema, other.name));
            else if (!(fk && fk->action == Action::Removed))
                blockers << sqlb::rel(other.schema, other.name) + QLatin1Char('.') +
                                quoteIdent(c.name);
        }
    }
    if (!blockers.isEmpty()) {
        Finding f;
        f.object = who;
        f.title = QStringLiteral("Table %1 is still referenced by foreign keys").arg(who);
        f.reason = QStringLiteral("%1 reference it and stay in the target; dropping it would need "
                                  "CASCADE, which Bellows never uses.")
                       .arg(blockers.join(QStringLiteral(", ")));
        f.options = {QStringLiteral("Drop those foreign keys (or their tables) in the target too"),
                     QStringLiteral("Keep the table")};
        f.referenceRow = QStringLiteral("T2");
        ctx.addFinding(f);
    }
    detail::blockOnDependentViews(ctx, t->schema, t->name, QString(),
                                  QStringLiteral("dropping table %1").arg(who));
    ctx.add(std::move(s));
}

void planRename(const Change& change, RecipeContext& ctx)
{
    const QString oldName = change.renamedFrom;
    const QString newName = change.name;
    const QString oldRel = sqlb::rel(change.schema, oldName);
    const QString newRel = sqlb::rel(change.schema, newName);
    const QString p = stepPath(change.schema, newName);

    Step e;
    e.id = sqlb::stepId(QStringLiteral("expand"), QStringLiteral("rename-table"), p);
    e.phase = Phase::Expand;
    e.title = QStringLiteral("Rename table %1 to %2, leaving a view under the old name")
                  .arg(oldRel, newRel);
    e.sql = QStringLiteral("ALTER TABLE %1 RENAME TO %2;\nCREATE VIEW %1 AS SELECT * FROM %3;")
                .arg(oldRel, quoteIdent(newName), newRel);
    // The old name's users keep the table's grants on the view that stands in for it.
    if (const auto* live = change.beforeAs<catalog::Table>())
        for (const QString& grant :
             catalog::privsql::grantsOf(QStringLiteral("TABLE ") + oldRel, live->acl))
            e.sql += QLatin1Char('\n') + grant;
    e.rollbackSql = QStringLiteral("DROP VIEW %1;\nALTER TABLE %2 RENAME TO %3;")
                        .arg(oldRel, newRel, quoteIdent(oldName));
    e.locks = {sqlb::lock(LockMode::AccessExclusive, change.schema, oldName)};
    e.hazards = {
        sqlb::hazard(HazardKind::AccessExclusiveLock,
                     QStringLiteral("ACCESS EXCLUSIVE on %1 for a catalog update").arg(oldRel))};
    e.referenceRow = QStringLiteral("T3");
    e.rationale =
        QStringLiteral(
            "One transaction: old code keeps working through the auto-updatable view %1 (INSERT, "
            "UPDATE, DELETE, RETURNING, ON CONFLICT). The view's column list is frozen: columns "
            "added "
            "to %2 later are not visible through it.")
            .arg(oldRel, newRel);
    const QString eId = e.id;
    ctx.add(std::move(e));

    Step c;
    c.id = sqlb::stepId(QStringLiteral("contract"), QStringLiteral("drop-rename-view"), p);
    c.phase = Phase::Contract;
    c.title = QStringLiteral("Drop the compatibility view %1").arg(oldRel);
    c.sql = QStringLiteral("DROP VIEW %1;").arg(oldRel);
    c.rollbackSql = QStringLiteral("CREATE VIEW %1 AS SELECT * FROM %2;").arg(oldRel, newRel);
    c.locks = {sqlb::lock(LockMode::AccessExclusive, change.schema, oldName)};
    c.hazards = {
        sqlb::hazard(HazardKind::BreaksRunningApp,
                     QStringLiteral("app versions that still use the name %1 fail").arg(oldRel))};
    c.referenceRow = QStringLiteral("T3");
    c.dependsOn = {eId};
    c.rationale = QStringLiteral("Contract: every running app version uses %1.").arg(newRel);
    ctx.add(std::move(c));
}

void planAttributes(const Change& change, RecipeContext& ctx)
{
    const Table* before = change.beforeAs<Table>();
    const Table* after = change.afterAs<Table>();
    if (!before || !after)
        return;
    const QString who = sqlb::rel(after->schema, after->name);
    const QString p = stepPath(after->schema, after->name);
    const bool membership = (change.attribute(QStringLiteral("partition of")) ||
                             change.attribute(QStringLiteral("partition bound"))) &&
                            partitions::planMembership(change, ctx);
    for (const diff::AttributeChange& a : change.attributes) {
        if (membership && (a.attribute == QLatin1String("partition of") ||
                           a.attribute == QLatin1String("partition bound")))
            continue;
        Step s;
        s.phase = Phase::Expand;
        s.locks = {sqlb::lock(LockMode::AccessExclusive, after->schema, after->name)};
        if (a.attribute == QLatin1String("comment")) {
            s.id = sqlb::stepId(QStringLiteral("expand"), QStringLiteral("comment-table"), p);
            s.title = QStringLiteral("Set the comment of table %1").arg(who);
            s.sql = sqlb::commentOnTable(after->schema, after->name, after->comment);
            s.rollbackSql = sqlb::commentOnTable(after->schema, after->name, before->comment);
            s.locks = {sqlb::lock(LockMode::ShareUpdateExclusive, after->schema, after->name)};
            s.referenceRow = QStringLiteral("M2");
            s.rationale = QStringLiteral("Metadata only.");
        } else if (a.attribute == QLatin1String("options")) {
            // Storage parameters: a catalog update, no rewrite (the new fillfactor applies to
            // pages written from now on).
            s.id = sqlb::stepId(QStringLiteral("expand"), QStringLiteral("table-options"), p);
            s.title = QStringLiteral("Set the storage parameters of table %1").arg(who);
            s.sql = sqlb::alterTable(after->schema, after->name,
                                     storageOptionsClause(before->options, after->options));
            s.rollbackSql = sqlb::alterTable(after->schema, after->name,
                                             storageOptionsClause(after->options, before->options));
            const LockMode mode = storageOptionsLock(before->options, after->options);
            s.locks = {sqlb::lock(mode, after->schema, after->name)};
            if (mode == LockMode::AccessExclusive)
                s.hazards = {sqlb::hazard(HazardKind::AccessExclusiveLock,
                                          QStringLiteral("ACCESS EXCLUSIVE on %1 for a catalog "
                                                         "update")
                                              .arg(who))};
            s.referenceRow = QStringLiteral("M2");
            s.rationale = QStringLiteral("Metadata only: no rewrite, no scan.");
        } else if (a.attribute == QLatin1String("rls enabled") ||
                   a.attribute == QLatin1String("rls forced")) {
            const bool enabled = a.attribute == QLatin1String("rls enabled");
            const bool on = enabled ? after->rlsEnabled : after->rlsForced;
            const QString verb = enabled ? QStringLiteral("ROW LEVEL SECURITY")
                                         : QStringLiteral("ROW LEVEL SECURITY");
            const QString onSql = enabled ? QStringLiteral("ENABLE ") : QStringLiteral("FORCE ");
            const QString offSql =
                enabled ? QStringLiteral("DISABLE ") : QStringLiteral("NO FORCE ");
            s.id = sqlb::stepId(QStringLiteral("expand"),
                                enabled ? QStringLiteral("rls") : QStringLiteral("rls-force"), p);
            s.title = QStringLiteral("%1 row level security on %2")
                          .arg(on ? (enabled ? QStringLiteral("Enable") : QStringLiteral("Force"))
                                  : (enabled ? QStringLiteral("Disable")
                                             : QStringLiteral("Stop forcing")),
                               who);
            s.sql = sqlb::alterTable(after->schema, after->name, (on ? onSql : offSql) + verb);
            s.rollbackSql =
                sqlb::alterTable(after->schema, after->name, (on ? offSql : onSql) + verb);
            s.hazards = {sqlb::hazard(
                HazardKind::AccessExclusiveLock,
                QStringLiteral("ACCESS EXCLUSIVE on %1 for a catalog update").arg(who))};
            if (on)
                s.hazards.push_back(sqlb::hazard(
                    HazardKind::BreaksRunningApp,
                    QStringLiteral("roles without a matching policy see no rows of %1").arg(who)));
            s.rationale = QStringLiteral("Row level security takes effect at once; the table's "
                                         "policies are created in the same phase.");
        } else if (a.attribute == QLatin1String("kind") ||
                   a.attribute == QLatin1String("partition key")) {
            // The kind change says it all; a new key on a partitioned table is the same work.
            if (a.attribute == QLatin1String("partition key") &&
                change.attribute(QStringLiteral("kind")))
                continue;
            ctx.addFinding(partitions::repartitionFinding(*before, *after, a));
            continue;
        } else if (detail::planTableAttribute(a, *before, *after, ctx)) {
            continue;
        } else {
            Finding f;
            f.object = who;
            f.title = QStringLiteral("The %1 of table %2 changes: not planned automatically")
                          .arg(a.attribute, who);
            f.reason =
                QStringLiteral("From '%1' to '%2'. Changing it may rewrite or lock the table "
                               "(M1, P1, P2); Bellows does not generate it yet.")
                    .arg(a.from, a.to);
            f.options = {QStringLiteral("Write the steps by hand following the reference"),
                         QStringLiteral("Keep the table as it is in the target")};
            ctx.addFinding(f);
            continue;
        }
        ctx.add(std::move(s));
    }
}

} // namespace

namespace recipes {

void planTable(const Change& change, RecipeContext& ctx)
{
    switch (change.action) {
    case Action::Added:
        planCreate(change, ctx);
        break;
    case Action::Removed:
        planDrop(change, ctx);
        break;
    case Action::Renamed:
        planRename(change, ctx);
        break;
    case Action::Changed:
        planAttributes(change, ctx);
        break;
    }
}

} // namespace recipes

} // namespace bellows::plan
